import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewProvisioningCode, StoreProvisioningPath } from '../../../domain/terminals/schemas.ts';
import { issueProvisioningCode } from '../../../domain/terminals/issue-provisioning-code.ts';
import { createTerminalService } from '../../../domain/terminals/terminal-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { terminalQuota } from '../../../tenants/terminal-quota.ts';
import { ProvisioningCodeView } from '../../../domain/terminals/views.ts';

const services = scoped(createTerminalService);

export const handler = httpHandler({ path: StoreProvisioningPath, body: NewProvisioningCode, idempotency: 'optional', response: ProvisioningCodeView, status: 201 }, async ({ tenant, path }) =>
  created(await issueProvisioningCode(tenant(), path.storeId, { service: await services(tenant().tenantId), clock: systemClock, quota: terminalQuota })),
);

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { TenantPatch, updateTenant } from '../../../tenants/tenant-settings.ts';
import { createTenancyService } from '../../../tenants/store.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { TenantView } from '../../../tenants/views.ts';

const services = scoped(createTenancyService);

export const handler = httpHandler({ body: TenantPatch, response: TenantView }, async ({ tenant, body }) => ok(await updateTenant(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock })));

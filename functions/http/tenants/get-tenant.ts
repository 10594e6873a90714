import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { getTenantProfile } from '../../../tenants/tenant-profile.ts';
import { createTenancyService } from '../../../tenants/store.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { TenantView } from '../../../tenants/views.ts';

const services = scoped(createTenancyService);

export const handler = httpHandler({ response: TenantView }, async ({ tenant }) => ok(await getTenantProfile(tenant(), { service: await services(tenant().tenantId) })));

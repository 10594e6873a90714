import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { getTenantProfile } from '../../../tenants/tenant-profile.ts';
import { createTenancyService } from '../../../tenants/store.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createTenancyService);

export const handler = httpHandler({}, async ({ tenant }) => ok(await getTenantProfile(tenant(), { service: await services(tenant().tenantId) })));

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { getTenantProfile } from '../../../tenants/tenant-profile.ts';
import { createTenancyService } from '../../../tenants/store.ts';

const service = createTenancyService();

export const handler = httpHandler({}, async ({ tenant }) => ok(await getTenantProfile(tenant(), { service })));

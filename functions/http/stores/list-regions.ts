import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { listRegions } from '../../../domain/stores/stores.ts';
import { RegionPage } from '../../../domain/stores/schemas.ts';
import { createStoreService } from '../../../domain/stores/store-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStoreService);

export const handler = httpHandler({ response: RegionPage }, async ({ tenant }) => ok(await listRegions(tenant(), { service: await services(tenant().tenantId) })));

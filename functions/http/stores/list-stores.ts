import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { StoreListQuery, StorePage } from '../../../domain/stores/schemas.ts';
import { listStores } from '../../../domain/stores/stores.ts';
import { createStoreService } from '../../../domain/stores/store-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStoreService);

export const handler = httpHandler({ query: StoreListQuery, response: StorePage }, async ({ tenant, query }) => ok(await listStores(tenant(), query, { service: await services(tenant().tenantId) })));

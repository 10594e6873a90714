import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { StorePath, StoreView } from '../../../domain/stores/schemas.ts';
import { getStore } from '../../../domain/stores/stores.ts';
import { createStoreService } from '../../../domain/stores/store-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStoreService);

export const handler = httpHandler({ path: StorePath, response: StoreView }, async ({ tenant, path }) => ok(await getStore(tenant(), path.id, { service: await services(tenant().tenantId) })));

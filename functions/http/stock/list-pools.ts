import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { PoolPage, PoolQuery } from '../../../domain/inventory/shards/pool-schemas.ts';
import { listPools } from '../../../domain/inventory/shards/pools.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ query: PoolQuery, response: PoolPage }, async ({ tenant, query }) => ok(await listPools(tenant(), query, { service: await services(tenant().tenantId) })));

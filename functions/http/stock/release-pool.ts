import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { PoolKey, PoolView } from '../../../domain/inventory/shards/pool-schemas.ts';
import { closePool } from '../../../domain/inventory/shards/pool-close.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: PoolKey, response: PoolView }, async ({ tenant, body }) =>
  ok(await closePool(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock })),
);

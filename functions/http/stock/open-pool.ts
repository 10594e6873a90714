import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { NewPool, PoolView } from '../../../domain/inventory/shards/pool-schemas.ts';
import { openPool } from '../../../domain/inventory/shards/pools.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: NewPool, idempotency: 'optional', response: PoolView }, async ({ tenant, body, idFor }) =>
  ok(await openPool(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock }, await idFor('posting'))),
);

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { OrderPath, OrderView } from '../../../domain/inventory/replenishment/replenishment-schemas.ts';
import { cancelOrder } from '../../../domain/inventory/replenishment/replenishment-orders.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ path: OrderPath, idempotency: 'optional', response: OrderView }, async ({ tenant, path }) =>
  ok(await cancelOrder(tenant(), path.id, { service: await services(tenant().tenantId), clock: systemClock })),
);

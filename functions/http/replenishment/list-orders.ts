import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { OrderListQuery, OrderPage } from '../../../domain/inventory/replenishment/replenishment-schemas.ts';
import { listOrders } from '../../../domain/inventory/replenishment/replenishment-orders.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ query: OrderListQuery, response: OrderPage }, async ({ tenant, query }) =>
  ok(await listOrders(tenant(), query, { service: await services(tenant().tenantId) })),
);

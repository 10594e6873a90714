import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { OrderQuery } from '../../../domain/orders/schemas.ts';
import { listOrders } from '../../../domain/orders/order-reads.ts';
import { OrderPage } from '../../../domain/orders/views.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ query: OrderQuery, response: OrderPage }, async ({ tenant, query }) => ok(await listOrders(tenant(), query, { service: await services(tenant().tenantId) })));

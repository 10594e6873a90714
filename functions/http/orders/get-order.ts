import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { OrderPath } from '../../../domain/orders/schemas.ts';
import { getOrder } from '../../../domain/orders/order-reads.ts';
import { OrderView } from '../../../domain/orders/views.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ path: OrderPath, response: OrderView }, async ({ tenant, path }) => ok(await getOrder(tenant(), path.id, { service: await services(tenant().tenantId) })));

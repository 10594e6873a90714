import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { Cancellation, OrderPath } from '../../../domain/orders/schemas.ts';
import { cancelOrder } from '../../../domain/orders/cancel-order.ts';
import { OrderView } from '../../../domain/orders/views.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { walletDeps } from '../payments/wallet-deps.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: Cancellation, path: OrderPath, idempotency: 'optional', response: OrderView }, async ({ tenant, body, path }) =>
  ok(await cancelOrder(tenant(), path.id, body, walletDeps(await services(tenant().tenantId)))),
);

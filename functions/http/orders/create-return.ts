import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewReturn, OrderPath } from '../../../domain/orders/schemas.ts';
import { returnGoods } from '../../../domain/orders/returns.ts';
import { ReturnView } from '../../../domain/orders/views.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { walletDeps } from '../payments/wallet-deps.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: NewReturn, path: OrderPath, idempotency: 'optional', response: ReturnView, status: 201 }, async ({ tenant, body, path, idFor }) =>
  created(await returnGoods(tenant(), path.id, body, await idFor('orderReturn'), walletDeps(await services(tenant().tenantId)))),
);

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { OrderPath, ShippedOrderView } from '../../../domain/inventory/replenishment/replenishment-schemas.ts';
import { shipOrder } from '../../../domain/inventory/replenishment/replenishment-ship.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ path: OrderPath, idempotency: 'optional', response: ShippedOrderView }, async ({ tenant, path }) =>
  ok(await shipOrder(tenant(), path.id, { service: await services(tenant().tenantId), clock: systemClock })),
);

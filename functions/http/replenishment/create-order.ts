import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewReplenishmentOrder, OrderView } from '../../../domain/inventory/replenishment/replenishment-schemas.ts';
import { createOrder } from '../../../domain/inventory/replenishment/replenishment-orders.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: NewReplenishmentOrder, idempotency: 'optional', response: OrderView, status: 201 }, async ({ tenant, body }) =>
  created(await createOrder(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock })),
);

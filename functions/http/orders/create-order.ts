import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewOrder } from '../../../domain/orders/schemas.ts';
import { placeOrder } from '../../../domain/orders/place-order.ts';
import { OrderView } from '../../../domain/orders/views.ts';
import { createOrderServices } from '../../../domain/orders/order-deps.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createOrderServices);

export const handler = httpHandler({ body: NewOrder, idempotency: 'required', readsBeforeLock: true, response: OrderView, status: 201 }, async ({ tenant, body, idFor }) =>
  created(await placeOrder(tenant(), body, idFor('order'), { ...(await services(tenant().tenantId)), clock: systemClock })),
);

// POST /v1/orders: placed (and, at the till, paid in cash) in one transaction; a till's checkout
// paid by the customer's payment code is placed, then paid through the code's wallet.
import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewOrder } from '../../../domain/orders/schemas.ts';
import { placeOrder } from '../../../domain/orders/place-order.ts';
import { checkoutByCode } from '../../../domain/orders/checkout-by-code.ts';
import { OrderView } from '../../../domain/orders/views.ts';
import { createOrderServices } from '../../../domain/orders/order-deps.ts';
import { barcodeProviderFor } from '../../../domain/payments/providers/registry.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createOrderServices);

export const handler = httpHandler({ body: NewOrder, idempotency: 'required', readsBeforeLock: true, response: OrderView, status: 201 }, async ({ tenant, body, idFor }) => {
  const deps = { ...(await services(tenant().tenantId)), clock: systemClock };
  if (body.payment?.flow === 'barcode') return created(await checkoutByCode(tenant(), body, idFor('order'), { ...deps, providerFor: barcodeProviderFor }));
  return created(await placeOrder(tenant(), body, idFor('order'), deps));
});

// POST /v1/payments: cash settles in the request; a scanned payment code goes to its wallet's
// provider (wallet-payments.ts) and answers once the trade is decided, or `processing` if the
// provider could not say within its window and the reversal did not go through either.
import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewPayment, PaymentView } from '../../../domain/payments/schemas.ts';
import { createPayment } from '../../../domain/payments/payments.ts';
import { isDecline, payWithWallet } from '../../../domain/payments/wallet-payments.ts';
import { paymentView } from '../../../domain/payments/views.ts';
import { PaymentDeclinedError, PaymentMethodUnavailableError } from '../../../domain/payments/errors.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { walletDeps } from './wallet-deps.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: NewPayment, idempotency: 'required', response: PaymentView, status: 201 }, async ({ tenant, body, idFor }) => {
  const deps = walletDeps(await services(tenant().tenantId));
  if (body.flow === 'cash') return created(await createPayment(tenant(), body, await idFor('payment'), deps));
  if (body.flow !== 'barcode') throw new PaymentMethodUnavailableError(`${body.flow} (QR orders)`);
  const { orderId, ...fields } = body;
  const payment = await payWithWallet(tenant(), orderId, fields, await idFor('payment'), deps);
  if (isDecline(payment)) throw new PaymentDeclinedError(payment.paymentId, payment.failureCode ?? 'declined', payment.failureCode ?? 'declined');
  return created(paymentView(payment));
});

// POST /v1/payments/{id}/refunds: part or all of one payment given back (payment-refunds.ts);
// a wallet's refund answers once its provider has said where the money is, or `processing`.
import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewRefund, PaymentPath, RefundView } from '../../../domain/payments/schemas.ts';
import { refundPayment } from '../../../domain/payments/payment-refunds.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { walletDeps } from './wallet-deps.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: NewRefund, path: PaymentPath, idempotency: 'required', response: RefundView, status: 201 }, async ({ tenant, body, path, idFor }) =>
  created(await refundPayment(tenant(), path.id, body, await idFor('refund'), walletDeps(await services(tenant().tenantId)))),
);

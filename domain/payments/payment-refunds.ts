// POST /v1/payments/{id}/refunds: money back from one payment with no goods coming back (a price
// promised and not given, a customer charged twice). The refund, the payment's refundedAmount
// (conditioned to stay within what was paid) and the order's refundedAmount and status move in one
// transaction under the order's version, so concurrent refunds of a payment are taken one at a
// time and cannot together exceed it. A wallet's refund then goes to its provider
// (wallet-refunds.ts); a request replayed after a crash finds its refund by its key and completes
// that one, never a second.
import { NotFoundError } from '../shared/errors.ts';
import { retryOptimistically, RETRY } from '../shared/optimistic-retry.ts';
import { canAccessStore, type TenantContext } from '../shared/tenancy.ts';
import { readOrderParts, requireOrder } from '../orders/order-reads.ts';
import { transition } from '../orders/order-state.ts';
import { ORDER_EVENTS, orderEvent, orderPatch } from '../orders/order-writes.ts';
import { OrderBusyError } from '../orders/errors.ts';
import { planRefunds } from './refunds.ts';
import type { RefundItem } from './refund-entity.ts';
import type { NewRefund, RefundView } from './schemas.ts';
import { PaymentNotRefundableError, RefundExceedsPaymentError } from './errors.ts';
import { completeRefunds } from './wallet-refunds.ts';
import type { WalletDeps } from './wallet-payments.ts';
import { refundView } from './views.ts';

/** `key` (the request's Idempotency-Key id) names the refund's cause, so a retry finds what it wrote. */
export const refundPayment = async (ctx: TenantContext, paymentId: string, request: NewRefund, key: string, deps: WalletDeps): Promise<RefundView> => {
  const { data: found } = await deps.service.entities.payment.query.byId({ tenantId: ctx.tenantId, paymentId }).go();
  const located = found[0];
  if (!located || !canAccessStore(ctx, located.storeId)) throw new NotFoundError('payment');
  const written = await retryOptimistically(8, () => new OrderBusyError(), async (): Promise<RefundItem | typeof RETRY> => {
    const o = await requireOrder(ctx, located.orderId, deps);
    const { payments, refunds } = await readOrderParts(o, deps);
    const replay = refunds.find((r) => r.cause === key && r.paymentId === paymentId);
    if (replay) return replay;
    const payment = payments.find((p) => p.paymentId === paymentId)!;
    if (payment.status !== 'succeeded') throw new PaymentNotRefundableError(paymentId, payment.status);
    const refundable = payment.amount - payment.refundedAmount;
    if (request.amount > refundable) throw new RefundExceedsPaymentError(request.amount, refundable);
    const refundedAmount = o.refundedAmount + request.amount;
    const status = transition(o.status, refundedAmount >= o.paidAmount ? 'refund_all' : 'refund_part');
    const at = deps.clock.now();
    const plan = planRefunds([payment], request.amount, { id: key, reason: request.reason }, at);
    const after = { status, refundedAmount };
    const { canceled } = await deps.service.transaction
      .write((e) => [orderPatch(e, o, after), ...plan.writes(e), orderEvent(e, { ...o, ...after }, ORDER_EVENTS.refunded, at, { refundIds: plan.refunds.map((r) => r.refundId), amount: request.amount })])
      .go();
    // Another refund, return or payment moved the order first: read it again and check again.
    return canceled ? RETRY : plan.refunds[0]!;
  });
  const [done] = await completeRefunds([written], deps);
  return refundView(done!);
};

// Giving money back through the payment seam: a return or a cancellation refunds an amount, which
// is shared over the order's succeeded payments, latest first, each up to what it has left. Each
// share is a refund item and an increment of its payment's refundedAmount whose condition keeps
// the total refunded at or below what was paid, so two concurrent refunds cannot both pass. Cash
// and a platform's refunds are done when written; a wallet's is `processing` until its provider
// has given the money back (wallet-refunds.ts, which whoever refunds hands the refunds to).
import { derivedId } from '../shared/ids.ts';
import type { TxEntities, TxWrite } from '../inventory/ledger/ledger.ts';
import type { PaymentItem } from './payment-entity.ts';
import type { RefundItem } from './refund-entity.ts';
import { refundOutcomeOf } from './tenders.ts';

export type RefundPlan = { refunds: RefundItem[]; writes: (e: TxEntities) => TxWrite[] };

/** Takes written refunds to their providers (completeRefunds); they come back as they are left. */
export type RefundCompleter = (refunds: readonly RefundItem[]) => Promise<readonly RefundItem[]>;

/** `cause` (a return or cancellation id) seeds the refund ids, so a retry writes the same ones. */
export const planRefunds = (payments: readonly PaymentItem[], amount: number, cause: { id: string; reason: string }, at: Date): RefundPlan => {
  const open = payments.filter((p) => p.status === 'succeeded' && p.amount > p.refundedAmount).sort((a, b) => b.paymentId.localeCompare(a.paymentId));
  const refunds: RefundItem[] = [];
  let left = amount;
  for (const p of open) {
    if (left === 0) break;
    const share = Math.min(left, p.amount - p.refundedAmount);
    left -= share;
    const outcome = refundOutcomeOf(p.provider, share);
    const refundId = derivedId('refund', at.getTime(), `${cause.id}#${p.paymentId}`);
    refunds.push({
      tenantId: p.tenantId,
      refundId,
      orderId: p.orderId,
      paymentId: p.paymentId,
      provider: p.provider,
      status: outcome.status,
      amount: share,
      reason: cause.reason,
      cause: cause.id,
      outRefundNo: refundId,
      createdAt: at.toISOString(),
      ...(outcome.status === 'succeeded' ? { completedAt: at.toISOString() } : {}),
    });
  }
  if (left > 0) throw new Error(`Refund of ${amount} exceeds what the payments can give back by ${left}`);
  const paymentOf = new Map(open.map((p) => [p.paymentId, p]));
  return {
    refunds,
    writes: (e) =>
      refunds.flatMap((r) => {
        const p = paymentOf.get(r.paymentId)!;
        return [
          e.refund.create(r).commit(),
          e.payment
            .patch({ tenantId: p.tenantId, orderId: p.orderId, paymentId: p.paymentId })
            .add({ refundedAmount: r.amount })
            .where((a, { lte }) => lte(a.refundedAmount, p.amount - r.amount))
            .commit(),
        ];
      }),
  };
};

// Giving a wallet payment's money back, exactly once:
// 1. The refund is written first, `processing`, with its payment's refundedAmount raised in the
//    same transaction under a condition that keeps it within what was paid (refunds.ts), by
//    whatever gives money back: a return, a cancellation, POST /v1/payments/{id}/refunds. Its
//    outRefundNo is its own id, the same on every retry.
// 2. The provider is asked under that outRefundNo; asking again is the same refund there.
// 3. It is queried until the provider says where the money is, for a few seconds; one still on
//    its way stays `processing`, and the sweeper asks again later (resolveWaitingRefunds).
// 4. The outcome is written. A refund the provider refused or closed is `failed` and raises the
//    HQ cue `refund.failed`: the customer is still owed the amount, the order and payment keep
//    counting it as given back, and HQ settles it another way (as WeChat asks of a CHANGE).
import type { TenantContext } from '../shared/tenancy.ts';
import { forEachConcurrent } from '../shared/concurrency.ts';
import { outboxItem } from '../shared/events/outbox-event.ts';
import type { PaymentItem } from './payment-entity.ts';
import type { RefundItem } from './refund-entity.ts';
import type { RefundOutcome } from './providers/provider.ts';
import { isWallet, type WalletProvider } from './routing.ts';
import { sleepFor, type WalletDeps } from './wallet-payments.ts';

export const REFUND_FAILED = 'refund.failed';
/** Queries while the request waits: a wallet balance's refund is through in about a second. */
const QUERIES = 4;
const QUERY_EVERY_MS = 750;
/** A refund this old is no longer being completed by its request. */
export const REFUND_SWEEP_AFTER_MS = 60_000;
const PER_RUN = 100;
const IN_FLIGHT = 4;

const keyOf = (r: RefundItem) => ({ tenantId: r.tenantId, orderId: r.orderId, refundId: r.refundId });

/** Steps 2 and 3: the provider's last word on the refund. */
const ask = async (refund: RefundItem, payment: PaymentItem, deps: WalletDeps): Promise<RefundOutcome> => {
  const provider = await deps.providerFor(refund.tenantId, refund.provider as WalletProvider);
  const request = { outTradeNo: payment.outTradeNo, outRefundNo: refund.outRefundNo, tradeAmount: payment.amount, amount: refund.amount, reason: refund.reason };
  let outcome = await provider.queryRefund(payment.outTradeNo, refund.outRefundNo);
  for (let i = 0; i < QUERIES; i++) {
    // Never asked, or asked without an answer: ask (again); it is the same refund at the provider.
    if (outcome.status === 'unknown_refund' || (outcome.status === 'pending' && outcome.code !== 'PROCESSING')) outcome = await provider.refund(request);
    if (outcome.status === 'succeeded' || outcome.status === 'failed') return outcome;
    await sleepFor(deps)(QUERY_EVERY_MS);
    outcome = await provider.queryRefund(payment.outTradeNo, refund.outRefundNo);
  }
  return outcome;
};

/** Step 4: the outcome, if final, written once whoever else is completing the same refund. */
const record = async (refund: RefundItem, outcome: RefundOutcome, deps: WalletDeps): Promise<void> => {
  if (outcome.status !== 'succeeded' && outcome.status !== 'failed') return;
  const completedAt = deps.clock.now().toISOString();
  const patch =
    outcome.status === 'succeeded'
      ? { status: 'succeeded' as const, providerRefundId: outcome.providerRefundId, completedAt, createdAt: refund.createdAt }
      : { status: 'failed' as const, failureCode: outcome.code, completedAt, createdAt: refund.createdAt };
  // Canceled (the condition failed): a concurrent request or the sweeper recorded it first; theirs stands.
  await deps.service.transaction
    .write((e) => [
      e.refund.patch(keyOf(refund)).set(patch).where((a, { eq }) => eq(a.status, 'processing')).commit(),
      ...(outcome.status === 'failed'
        ? [
            e.outboxEvent
              .create(outboxItem(refund.tenantId, REFUND_FAILED, { refundId: refund.refundId, orderId: refund.orderId, paymentId: refund.paymentId, provider: refund.provider, amount: refund.amount, code: outcome.code, message: outcome.message }, deps.clock.now()))
              .commit(),
          ]
        : []),
    ])
    .go();
};

/** Completes one wallet refund as far as its provider can say now; returns it as it is left. */
export const completeRefund = async (refund: RefundItem, deps: WalletDeps): Promise<RefundItem> => {
  if (refund.status !== 'processing' || !isWallet(refund.provider)) return refund;
  const { data: payment } = await deps.service.entities.payment.get({ tenantId: refund.tenantId, orderId: refund.orderId, paymentId: refund.paymentId }).go();
  if (!payment) throw new Error(`Refund ${refund.refundId} names no payment ${refund.paymentId}`);
  await record(refund, await ask(refund, payment, deps), deps);
  const { data } = await deps.service.entities.refund.get(keyOf(refund)).go({ consistent: true });
  return data ?? refund;
};

/** After a transaction that wrote `refunds`: each wallet refund among them taken to its provider; all of them as they are left. */
export const completeRefunds = async (refunds: readonly RefundItem[], deps: WalletDeps): Promise<RefundItem[]> => {
  const done = [...refunds];
  await forEachConcurrent(
    done.map((r, i) => [r, i] as const),
    IN_FLIGHT,
    async ([r, i]) => void (done[i] = await completeRefund(r, deps)),
  );
  return done;
};

export type RefundSweepOutcome = { resumed: number; decided: number; stillProcessing: number };

/** The sweeper's turn: every refund still `processing` well after its request, oldest first. */
export const resolveWaitingRefunds = async (ctx: Pick<TenantContext, 'tenantId'>, deps: WalletDeps): Promise<RefundSweepOutcome> => {
  const before = new Date(deps.clock.now().getTime() - REFUND_SWEEP_AFTER_MS).toISOString();
  const { data } = await deps.service.entities.refund.query
    .awaitingProvider({ tenantId: ctx.tenantId })
    .lt({ createdAt: before })
    .where((a, { eq }) => eq(a.status, 'processing'))
    .go({ limit: PER_RUN });
  const outcome: RefundSweepOutcome = { resumed: data.length, decided: 0, stillProcessing: 0 };
  await forEachConcurrent(data, IN_FLIGHT, async (refund) => {
    if ((await completeRefund(refund, deps)).status === 'processing') outcome.stillProcessing++;
    else outcome.decided++;
  });
  return outcome;
};

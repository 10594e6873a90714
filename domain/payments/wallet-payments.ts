// A payment by the code a customer shows at the till (the barcode flow), exactly once:
// 1. The attempt is written first: the payment, `processing`, under its outTradeNo (its own id,
//    the merchant order number the provider keys the trade by), with the order's processingAmount
//    raised in the same transaction, so no other payment can take what this one may (owed = total
//    - paid - processing) and the order cannot be cancelled under it. A retry of the request
//    finds it and never writes another.
// 2. The provider is called with that outTradeNo. A retry, or a run after a crash, queries the
//    trade instead; only a provider that has never heard of it is asked to pay (the same trade).
// 3. Undecided ("query, don't retry", the customer confirming, no answer at all) is queried every
//    few seconds within the provider's window, then reversed (`failed`, `timeout_reversed`); a
//    reversal that does not go through leaves the payment `processing` for the sweeper.
// 4. The outcome is written: succeeded pays the order as cash does (orders/settle.ts); declined
//    or closed fails the payment and releases its processingAmount. A failed attempt is never
//    deleted. An order that ended while the customer confirmed (its hold expired) gets nothing:
//    the trade is reversed.
import { retryOptimistically, RETRY } from '../shared/optimistic-retry.ts';
import { withSweepRegistration } from '../inventory/reservations/reservation-expiry.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { requireOrder } from '../orders/order-reads.ts';
import { transition } from '../orders/order-state.ts';
import { orderPatch } from '../orders/order-writes.ts';
import { MAX_PAYMENTS_PER_ORDER, owedOf, settleConfirmedPayment } from '../orders/settle.ts';
import { OrderBusyError, OrderChangedError } from '../orders/errors.ts';
import type { OrderDeps } from '../orders/place-order.ts';
import type { OrderItem } from '../orders/order-entity.ts';
import type { PaymentItem } from './payment-entity.ts';
import type { PaymentFields } from './schemas.ts';
import type { BarcodeProvider, TradeOutcome } from './providers/provider.ts';
import { routeAuthCode, type WalletProvider } from './routing.ts';
import { AmountExceedsBalanceError, PartialPaymentUnavailableError, TooManyPaymentsError } from './errors.ts';

/** WeChat Pay's guidance for a payment code: query for up to 30 seconds, then reverse. */
export const CONFIRM_WINDOW_MS = 30_000;
const POLL_EVERY_MS = 2_500;
/** A reversal the provider asks to repeat (WeChat's recall=Y), or that got no answer. */
const REVERSE_ATTEMPTS = 3;

export type WalletDeps = Pick<OrderDeps, 'service' | 'clock'> & {
  /** The tenant's adapter for a provider (accounts/provider-resolution.ts); a test passes its own. */
  providerFor: (tenantId: string, provider: WalletProvider) => BarcodeProvider | Promise<BarcodeProvider>;
  sleep?: (ms: number) => Promise<void>;
};

export const sleepFor = (deps: Pick<WalletDeps, 'sleep'>) => deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
const keyOf = (p: Pick<PaymentItem, 'tenantId' | 'orderId' | 'paymentId'>) => ({ tenantId: p.tenantId, orderId: p.orderId, paymentId: p.paymentId });

/** Step 1: the attempt, or the one a retry finds. */
/** `connected`: the provider's adapter being resolved; nothing is written unless it resolves. */
const startAttempt = (ctx: TenantContext, orderId: string, fields: PaymentFields, provider: WalletProvider, paymentId: string, deps: WalletDeps, connected: Promise<unknown>) =>
  retryOptimistically(8, () => new OrderBusyError(), async () => {
    const { service, clock } = deps;
    const key = { tenantId: ctx.tenantId, orderId, paymentId };
    // One round: the order (whose access check throws first if the caller may not see it) and its payments.
    const [order, mine, others] = await Promise.all([
      requireOrder(ctx, orderId, deps),
      service.entities.payment.get(key).go({ consistent: true }),
      service.entities.payment.query.byOrder({ tenantId: ctx.tenantId, orderId }).go({ pages: 'all' }),
    ]);
    if (mine.data) return { payment: mine.data, fresh: false };
    transition(order.status, 'pay');
    const owed = owedOf(order);
    const amount = fields.amount ?? owed;
    if (amount > owed) throw new AmountExceedsBalanceError(amount, owed);
    if (amount < owed && order.channel !== 'pos') throw new PartialPaymentUnavailableError(owed);
    if (others.data.length >= MAX_PAYMENTS_PER_ORDER) throw new TooManyPaymentsError(MAX_PAYMENTS_PER_ORDER);
    const payment: PaymentItem = {
      ...key,
      storeId: order.storeId,
      provider,
      flow: 'barcode',
      status: 'processing',
      amount,
      outTradeNo: paymentId,
      refundedAmount: 0,
      createdBy: ctx.userId,
      createdAt: clock.now().toISOString(),
    };
    await connected;
    // The tenant's first attempt in this container registers it with the payment sweeper.
    const canceled = await withSweepRegistration(ctx.tenantId, async (register) => {
      const written = await service.transaction
        .write((e) => [
          e.payment.create(payment).commit(),
          orderPatch(e, order, { processingAmount: (order.processingAmount ?? 0) + amount }),
          ...(register ? [e.sweepRegistration.put({ tenantId: ctx.tenantId, registeredAt: payment.createdAt }).commit()] : []),
        ])
        .go();
      if (written.canceled) throw new OrderChangedError(orderId);
      return false;
    }).catch((error: unknown) => {
      if (error instanceof OrderChangedError) return true;
      throw error;
    });
    return canceled ? RETRY : { payment, fresh: true };
  });

/** Step 3's end: reversed, or still open after a few tries. */
const reverseTrade = async (provider: BarcodeProvider, outTradeNo: string, deps: WalletDeps): Promise<boolean> => {
  for (let i = 0; i < REVERSE_ATTEMPTS; i++) {
    if (await provider.reverse(outTradeNo)) return true;
    await sleepFor(deps)(POLL_EVERY_MS);
  }
  return false;
};

/**
 * Steps 2 and 3: where the trade ends, or undefined while it is still open. `authCode` is the
 * request's (codes are not stored: one is good for a minute); the sweeper has none.
 */
const decide = async (payment: PaymentItem, authCode: string | undefined, fresh: boolean, provider: BarcodeProvider, deps: WalletDeps): Promise<TradeOutcome | undefined> => {
  const order = { outTradeNo: payment.outTradeNo, amount: payment.amount, authCode: authCode ?? '', description: `Order ${payment.orderId}`, storeId: payment.storeId };
  let outcome = fresh && authCode ? await provider.payByCode(order) : await provider.query(payment.outTradeNo);
  // A run after a crash before the provider heard of it: the same trade, asked for the first
  // time by a retried request; the sweeper, long after the customer left, closes it instead.
  if (outcome.status === 'unknown_trade' && !fresh) {
    if (!authCode) return { status: 'closed', code: 'never_reached_provider' };
    outcome = await provider.payByCode(order);
  }
  const deadline = Date.parse(payment.createdAt) + CONFIRM_WINDOW_MS;
  while (outcome.status === 'pending' || outcome.status === 'unknown_trade') {
    if (deps.clock.now().getTime() >= deadline) return (await reverseTrade(provider, payment.outTradeNo, deps)) ? { status: 'closed', code: 'timeout_reversed' } : undefined;
    await sleepFor(deps)(POLL_EVERY_MS);
    outcome = await provider.query(payment.outTradeNo);
  }
  return outcome;
};

/** The attempt failed: the payment says why, and the order no longer counts its amount as processing. */
const failAttempt = (ctx: TenantContext, payment: PaymentItem, failureCode: string, deps: WalletDeps) =>
  retryOptimistically(8, () => new OrderBusyError(), async () => {
    const order = await requireOrder(ctx, payment.orderId, deps);
    const completedAt = deps.clock.now().toISOString();
    const { canceled } = await deps.service.transaction
      .write((e) => [
        e.payment.patch(keyOf(payment)).set({ status: 'failed', failureCode, completedAt, createdAt: payment.createdAt }).where((a, { eq }) => eq(a.status, 'processing')).commit(),
        orderPatch(e, order, { processingAmount: Math.max(0, (order.processingAmount ?? 0) - payment.amount) }),
      ])
      .go();
    if (!canceled) return undefined;
    // Someone else wrote the outcome first (a concurrent retry, the sweeper): theirs stands.
    const now = await deps.service.entities.payment.get(keyOf(payment)).go({ consistent: true });
    return now.data?.status !== 'processing' ? undefined : RETRY;
  });

/** Step 4, for a trade the provider says is paid. */
const confirm = (ctx: TenantContext, payment: PaymentItem, outcome: Extract<TradeOutcome, { status: 'succeeded' }>, provider: BarcodeProvider, deps: WalletDeps) =>
  retryOptimistically(8, () => new OrderBusyError(), async () => {
    const [order, now] = await Promise.all([requireOrder(ctx, payment.orderId, deps), deps.service.entities.payment.get(keyOf(payment)).go({ consistent: true })]);
    if (now.data?.status !== 'processing') return undefined;
    if (outcome.amount !== payment.amount || order.status !== 'pending_payment') {
      // Money we must not keep: a trade for another amount, or for an order that ended meanwhile.
      const code = outcome.amount !== payment.amount ? 'amount_mismatch_reversed' : 'order_closed_reversed';
      if (await reverseTrade(provider, payment.outTradeNo, deps)) await failAttempt(ctx, payment, code, deps);
      return undefined;
    }
    try {
      await settleConfirmedPayment(order as OrderItem, now.data, outcome.providerTxnId, deps);
      return undefined;
    } catch (error) {
      if (error instanceof OrderChangedError) return RETRY;
      throw error;
    }
  });

/** Pays `orderId` with the scanned code as `paymentId`; see the steps above. */
export const payWithWallet = async (ctx: TenantContext, orderId: string, fields: PaymentFields, paymentId: string, deps: WalletDeps): Promise<PaymentItem> => {
  // Before anything is written: a code no wallet issues, or a wallet not connected, calls no one.
  const name = routeAuthCode(fields);
  // The tenant's provider account is read beside the attempt's own first reads (one BatchGetItem).
  const connecting = Promise.resolve(deps.providerFor(ctx.tenantId, name));
  connecting.catch(() => undefined);
  const { payment, fresh } = await startAttempt(ctx, orderId, fields, name, paymentId, deps, connecting);
  const provider = await connecting;
  if (payment.status === 'processing') await settle(ctx, payment, await decide(payment, fields.authCode, fresh, provider, deps), provider, deps);
  const { data } = await deps.service.entities.payment.get(keyOf(payment)).go({ consistent: true });
  return data!;
};

/** Step 4: the outcome written, whichever way the trade ended; nothing while it is still open. */
const settle = async (ctx: TenantContext, payment: PaymentItem, outcome: TradeOutcome | undefined, provider: BarcodeProvider, deps: WalletDeps): Promise<void> => {
  if (outcome?.status === 'succeeded') await confirm(ctx, payment, outcome, provider, deps);
  else if (outcome?.status === 'declined') await failAttempt(ctx, payment, outcome.code.toLowerCase(), deps);
  else if (outcome?.status === 'closed') await failAttempt(ctx, payment, NOT_DECLINES.has(outcome.code) ? outcome.code : 'closed', deps);
};

/**
 * The sweeper's turn at a payment left `processing` past its window (its request crashed, or the
 * provider answered neither query nor reversal in time): queried, then settled, failed or
 * reversed like any other. Returns the status it is left in.
 */
export const resumePayment = async (ctx: TenantContext, payment: PaymentItem, deps: WalletDeps): Promise<PaymentItem['status']> => {
  const provider = await deps.providerFor(ctx.tenantId, payment.provider as WalletProvider);
  await settle(ctx, payment, await decide(payment, undefined, false, provider, deps), provider, deps);
  const { data } = await deps.service.entities.payment.get(keyOf(payment)).go({ consistent: true });
  return data?.status ?? 'processing';
};

/** Failure codes of an attempt that was not the wallet's refusal: it timed out, closed, or we gave the money back. */
const NOT_DECLINES = new Set(['timeout_reversed', 'closed', 'never_reached_provider', 'amount_mismatch_reversed', 'order_closed_reversed']);

/** The customer's wallet refused this payment (422 payment_declined), as opposed to it lapsing. */
export const isDecline = (p: Pick<PaymentItem, 'status' | 'failureCode'>): boolean => p.status === 'failed' && !NOT_DECLINES.has(p.failureCode ?? '');

// Paying an order through the payment seam (payments/tenders.ts). A payment that leaves the order
// owing something is recorded with the order's new paidAmount; the payment that covers it turns
// the order `paid` in the same transaction that turns its hold into sale movements (or, for a
// till's order, posts the sale), opens its fulfilment task and announces order.paid, and for an
// in-store sale order.completed too. Cash settles there and then; the wallets will reach this
// same point when their provider confirms.
import { derivedId } from '../shared/ids.ts';
import type { TxEntities, TxWrite } from '../inventory/ledger/ledger.ts';
import { postStock, readPlanInputs, type PlanInputs } from '../inventory/ledger/ledger.ts';
import { consumeReservation } from '../inventory/reservations/reservation-ledger.ts';
import type { PaymentItem } from '../payments/payment-entity.ts';
import type { PaymentFields } from '../payments/schemas.ts';
import { tenderFor, type Tender, type TenderFields } from '../payments/tenders.ts';
import { AmountExceedsBalanceError, PartialPaymentUnavailableError, TooManyPaymentsError } from '../payments/errors.ts';
import type { FulfilmentItem } from '../fulfilment/fulfilment-entity.ts';
import type { OrderItem } from './order-entity.ts';
import { transition } from './order-state.ts';
import { fulfilmentIdOf } from './order-reads.ts';
import { ORDER_EVENTS, orderCreate, orderEvents, orderPatch, orderRefused, type OrderEventOf } from './order-writes.ts';
import { orderExpiry } from './expire-order.ts';
import { OrderChangedError } from './errors.ts';
import type { OrderDeps } from './place-order.ts';

type SettleDeps = Pick<OrderDeps, 'service' | 'clock'>;

/** Split tender: a till's order takes a few payments; the cancellation that refunds them all stays one transaction. */
export const MAX_PAYMENTS_PER_ORDER = 4;

export type Checkout = { tender: Tender; fields: TenderFields; amount: number };
type Extra = (e: TxEntities, at: Date) => TxWrite[];

/** Everything about a payment that can be refused before anything is written. */
export const checkoutPayment = (fields: TenderFields, owed: number, tender: Tender = tenderFor(fields as PaymentFields)): Checkout => {
  const amount = fields.amount ?? owed;
  if (amount > owed) throw new AmountExceedsBalanceError(amount, owed);
  tender.check(fields, amount);
  return { tender, fields, amount };
};

const paymentItem = (o: OrderItem, c: Checkout, paymentId: string, actorId: string | undefined, at: Date): PaymentItem => {
  const outcome = c.tender.take(c.fields, c.amount);
  const base = { tenantId: o.tenantId, paymentId, orderId: o.orderId, storeId: o.storeId, provider: c.tender.provider, flow: c.fields.flow, amount: c.amount, outTradeNo: paymentId, refundedAmount: 0, createdBy: actorId, createdAt: at.toISOString() };
  if (outcome.status !== 'succeeded') throw new Error(`The ${c.tender.provider} tender settles at once, but answered ${outcome.status}`);
  return {
    ...base,
    status: 'succeeded',
    completedAt: at.toISOString(),
    ...(outcome.tendered !== undefined ? { tendered: outcome.tendered, change: outcome.change ?? 0 } : {}),
    ...(outcome.providerTxnId ? { providerTxnId: outcome.providerTxnId } : {}),
  };
};

/** What the order still owes: its total less what is paid and what payments waiting on their provider will take. */
export const owedOf = (o: OrderItem): number => o.total - o.paidAmount - (o.processingAmount ?? 0);

/**
 * The order once `amount` more is paid: still pending, or paid (completed, for an in-store sale).
 * A wallet payment that was waiting on its provider moves its amount from processing to paid.
 */
const afterPayment = (o: OrderItem, amount: number, at: Date, wasProcessing = false): OrderItem => {
  const paidAmount = o.paidAmount + amount;
  const processing = wasProcessing ? { processingAmount: (o.processingAmount ?? 0) - amount } : {};
  if (paidAmount < o.total) return { ...o, paidAmount, ...processing };
  const paid = transition(o.status, 'pay');
  const status = o.fulfilmentType === 'instore' ? transition(paid, 'complete') : paid;
  const { expiresAt: _, ...rest } = o;
  return { ...rest, ...processing, paidAmount, status, paidAt: at.toISOString(), ...(status === 'completed' ? { completedAt: at.toISOString() } : {}), version: o.version + 1 };
};

const fulfilmentItem = (o: OrderItem, at: Date): FulfilmentItem | undefined =>
  o.fulfilmentType === 'instore'
    ? undefined
    : {
        tenantId: o.tenantId,
        fulfilmentId: fulfilmentIdOf(o.orderId),
        orderId: o.orderId,
        orderNumber: o.number,
        storeId: o.storeId,
        type: o.fulfilmentType,
        status: 'open',
        lines: o.lines.map(({ skuId, name, quantity }) => ({ skuId, name, quantity })),
        ...(o.pickupCode ? { pickupCode: o.pickupCode } : {}),
        ...(o.address ? { address: o.address } : {}),
        createdAt: at.toISOString(),
        actors: {},
      };

/**
 * What paying writes besides the stock: the payment (created, or moved from processing by
 * `paymentWrite`), the order's change, its task and its events.
 */
const paidItems = (before: OrderItem, after: OrderItem, payment: PaymentItem, mode: 'create' | 'patch', paymentWrite?: (e: TxEntities) => TxWrite): Extra => (e, at) => {
  const task = after.status === 'pending_payment' ? undefined : fulfilmentItem(after, at);
  const events: OrderEventOf[] = [
    ...(mode === 'create' ? [{ type: ORDER_EVENTS.created }] : []),
    ...(after.paidAt ? [{ type: ORDER_EVENTS.paid, more: { paymentIds: [payment.paymentId] } }] : []),
    ...(after.status === 'completed' ? [{ type: ORDER_EVENTS.completed }] : []),
  ];
  return [
    paymentWrite ? paymentWrite(e) : e.payment.create(payment).commit(),
    mode === 'create' ? orderCreate(e, after) : orderPatch(e, before, after),
    ...(task ? [e.fulfilment.create(task).commit()] : []),
    ...(events.length ? [orderEvents(e, after, events, at)] : []),
  ];
};

/** A till's sale: goods already in the customer's hands, so the movements are never refused (guard none). */
const postSale = (after: OrderItem, extra: Extra, deps: SettleDeps, prefetched?: Promise<PlanInputs>) =>
  postStock(
    {
      tenantId: after.tenantId,
      postingId: `${after.orderId}:sale`,
      channel: after.channel,
      reference: after.orderId,
      actorId: after.createdBy,
      changes: after.lines.map((l) => ({ locationId: after.storeId, skuId: l.skuId, movement: { type: 'sale' as const, quantity: -l.quantity }, guard: 'none' as const })),
      extra,
      refused: orderRefused(after.orderId),
      prefetched,
      recordedByExtra: true,
    },
    deps,
  );

/** The levels a till's sale of `lines` at `storeId` plans from, read beside the pricing reads. */
export const prefetchSale = (tenantId: string, storeId: string, skuIds: readonly string[], deps: SettleDeps): Promise<PlanInputs> =>
  readPlanInputs(deps, tenantId, skuIds.map((skuId) => ({ locationId: storeId, skuId })), true);

/** A till's order paid in the request that places it: one transaction. */
export const settleNewPosOrder = async (order: OrderItem, c: Checkout, also: Extra, deps: SettleDeps, prefetched?: Promise<PlanInputs>): Promise<{ order: OrderItem; payment: PaymentItem }> => {
  const at = deps.clock.now();
  const payment = paymentItem(order, c, derivedId('payment', Date.parse(order.createdAt), `${order.orderId}#checkout`), order.createdBy, at);
  const after = afterPayment(order, c.amount, at);
  const created = { ...after, version: 0 };
  const extra: Extra = (e, t) => [...paidItems(order, created, payment, 'create')(e, t), ...also(e, t)];
  if (created.status === 'pending_payment') {
    const { canceled } = await deps.service.transaction.write((e) => extra(e, at)).go();
    if (canceled) throw new OrderChangedError(order.orderId);
  } else {
    // A retry meets the order's create, which `refused` turns into OrderChangedError.
    await postSale(created, extra, deps, prefetched);
  }
  return { order: created, payment };
};

/**
 * Pays `amount` of an existing order as `paymentId`; a replay of a payment already made answers
 * with it. `tender` is the one the fields name unless the caller brings its own (a platform's).
 */
export const payOrder = async (order: OrderItem, fields: TenderFields, paymentId: string, actorId: string, deps: SettleDeps, tender?: Tender): Promise<PaymentItem> => {
  const { service, clock } = deps;
  const key = { tenantId: order.tenantId, orderId: order.orderId, paymentId };
  const [mine, others] = await Promise.all([service.entities.payment.get(key).go({ consistent: true }), service.entities.payment.query.byOrder({ tenantId: order.tenantId, orderId: order.orderId }).go({ pages: 'all' })]);
  if (mine.data) return mine.data;
  transition(order.status, 'pay');
  const owed = owedOf(order);
  const c = checkoutPayment(fields, owed, tender);
  if (c.amount < owed && order.channel !== 'pos') throw new PartialPaymentUnavailableError(owed);
  if (others.data.length >= MAX_PAYMENTS_PER_ORDER) throw new TooManyPaymentsError(MAX_PAYMENTS_PER_ORDER);

  const at = clock.now();
  const payment = paymentItem(order, c, paymentId, actorId, at);
  const after = afterPayment(order, c.amount, at);
  const extra = paidItems(order, after, payment, 'patch');
  if (after.status === 'pending_payment') {
    const { canceled } = await service.transaction.write((e) => extra(e, at)).go();
    if (canceled) throw new OrderChangedError(order.orderId);
  } else if (order.reservationId) {
    await consumeReservation(order.tenantId, order.reservationId, deps, { actorId: payment.createdBy, extra, refused: orderRefused(order.orderId), onExpiry: orderExpiry(deps) });
  } else await postSale(after, extra, deps);
  // A consumption or sale that replayed was someone else's payment: this one was not written.
  const written = await service.entities.payment.get(key).go({ consistent: true });
  if (!written.data) throw new OrderChangedError(order.orderId);
  return written.data;
};

/**
 * A wallet payment its provider confirmed: it moves from processing to succeeded in the
 * transaction that pays the order, exactly as cash would (the hold sold, or the till's sale
 * posted, the task opened, the events). Fails with OrderChangedError if the order or the payment
 * moved since they were read; the caller reads again.
 */
export const settleConfirmedPayment = async (order: OrderItem, payment: PaymentItem, providerTxnId: string, deps: SettleDeps): Promise<void> => {
  const at = deps.clock.now();
  const completedAt = at.toISOString();
  const done: PaymentItem = { ...payment, status: 'succeeded', providerTxnId, completedAt };
  const after = afterPayment(order, payment.amount, at, true);
  const key = { tenantId: payment.tenantId, orderId: payment.orderId, paymentId: payment.paymentId };
  const confirm = (e: TxEntities) => e.payment.patch(key).set({ status: 'succeeded', providerTxnId, completedAt, createdAt: payment.createdAt }).where((a, { eq }) => eq(a.status, 'processing')).commit();
  const extra = paidItems(order, after, done, 'patch', confirm);
  if (after.status === 'pending_payment') {
    const { canceled } = await deps.service.transaction.write((e) => extra(e, at)).go();
    if (canceled) throw new OrderChangedError(order.orderId);
  } else if (order.reservationId) {
    await consumeReservation(order.tenantId, order.reservationId, deps, { actorId: payment.createdBy, extra, refused: orderRefused(order.orderId), onExpiry: orderExpiry(deps) });
  } else await postSale(after, extra, deps);
};

// Recording one sale a till made offline, exactly once. The sale already happened, so it becomes a
// completed `pos` order as the till rang it up: its lines at the prices charged, its payments as
// succeeded (recorded, not charged again), its sale movements posted unguarded (stock may go below
// zero, which the ledger announces as stock.negative for a stocktake) and numbered in the store's
// business day of occurredAt. Order, number, payments, movements, the seq's mark, the terminal's
// count and the events are one transaction (postStock's `extra`).
//
// Exactly once: the order id is derived from (tenant, terminal, clientSaleId), so a repeat meets the
// first delivery's records. It is read first and answered as a duplicate when its fingerprint
// matches, refused as client_sale_id_reused when not; a repeat racing its twin loses a condition of
// the transaction and is answered the same way after reading what won.
import type { TenantContext } from '../../shared/tenancy.ts';
import { ValidationError } from '../../shared/errors.ts';
import { outboxItem } from '../../shared/events/outbox-event.ts';
import { derivedId } from '../../shared/ids.ts';
import { retryOptimistically, RETRY } from '../../shared/optimistic-retry.ts';
import { businessDayOf } from '../../shared/business-day.ts';
import { postStock, type TxEntities, type TxWrite } from '../../inventory/ledger/ledger.ts';
import { PostingIdReusedError, StockBusyError } from '../../inventory/errors.ts';
import { priceBasket } from '../../pricing/quote.ts';
import type { PaymentItem } from '../../payments/payment-entity.ts';
import type { StoreItem } from '../../stores/store-entity.ts';
import type { OrderItem } from '../order-entity.ts';
import { drawOrderNumber } from '../order-numbers.ts';
import { numberClaim, ORDER_EVENTS, orderCreate, orderEvent } from '../order-writes.ts';
import type { OrderDeps } from '../place-order.ts';
import { checkSale, offlineOrderId, priceFlags, SALE_REJECTIONS, saleFingerprint, type ChargedSale, type SaleRejection } from './sale-check.ts';
import { seqKey } from './sale-mark-entity.ts';
import type { SyncedSale } from './schemas.ts';

/** An HQ cue like stock.negative: a till charged other than the engine's price for that moment. */
export const ORDER_PRICE_DIFFERS = 'order.price_differs';
const MAX_ATTEMPTS = 8;

export type SyncTerminal = { thingName: string; storeId: string; provisionedAt: string };
export type SaleOutcome =
  | { clientSaleId: string; seq: number; status: 'accepted' | 'duplicate'; orderId: string; number: string }
  | { clientSaleId: string; seq: number; status: 'rejected'; code: SaleRejection };

type Sale = { ctx: TenantContext; terminal: SyncTerminal; sale: SyncedSale; orderId: string; fingerprint: string };

const rejected = ({ sale }: Pick<Sale, 'sale'>, code: SaleRejection): SaleOutcome => ({ clientSaleId: sale.clientSaleId, seq: sale.seq, status: 'rejected', code });

/** Which of the sale's own conditions failed: the order (a twin won), the number, or the seq's mark. */
class SaleConditionFailed extends Error {
  constructor(readonly which: 'order' | 'number' | 'seq') {
    super(`The synced sale's ${which} condition failed`);
    this.name = 'SaleConditionFailed';
  }
}
const EXTRA_ORDER = ['order', 'number', 'seq'] as const;
const refusedBy = (codes: readonly string[]) => {
  const at = codes.findIndex((c) => c === 'ConditionalCheckFailed');
  return at >= 0 && at < EXTRA_ORDER.length ? new SaleConditionFailed(EXTRA_ORDER[at]!) : undefined;
};

/** What is already recorded under this sale's id or seq: a duplicate, a reuse, or nothing. */
const priorRecord = async (s: Sale, { service }: Pick<OrderDeps, 'service'>): Promise<SaleOutcome | undefined> => {
  const { tenantId } = s.ctx;
  const [order, mark] = await Promise.all([
    service.entities.order.get({ tenantId, orderId: s.orderId }).go({ consistent: true }),
    service.entities.posSaleMark.get({ tenantId, terminalId: s.terminal.thingName, seqKey: seqKey(s.sale.seq) }).go({ consistent: true }),
  ]);
  if (order.data) {
    if (order.data.offlineSale?.fingerprint !== s.fingerprint) return rejected(s, SALE_REJECTIONS.clientSaleIdReused);
    return { clientSaleId: s.sale.clientSaleId, seq: s.sale.seq, status: 'duplicate', orderId: order.data.orderId, number: order.data.number };
  }
  return mark.data ? rejected(s, SALE_REJECTIONS.seqReused) : undefined;
};

/** The engine's lines for the sale at the moment it was made; an SKU the chain lacks refuses it. */
const enginePrices = async (s: Sale, charged: ChargedSale, occurredAt: string, deps: OrderDeps) => {
  const request = { storeId: s.sale.storeId, channel: 'pos' as const, member: false, at: occurredAt, lines: charged.lines.map(({ skuId, quantity }) => ({ skuId, quantity })) };
  try {
    return await priceBasket(s.ctx, request, { service: deps.pricing, clock: deps.clock });
  } catch (error) {
    if (error instanceof ValidationError) return undefined;
    throw error;
  }
};

const paymentsOf = (s: Sale, order: OrderItem): PaymentItem[] =>
  s.sale.payments.map((p, i) => {
    const paymentId = derivedId('payment', Date.parse(order.createdAt), `${order.orderId}#offline#${i}`);
    const { method, amount, providerTxnId } = p;
    const at = order.createdAt;
    return { tenantId: order.tenantId, paymentId, orderId: order.orderId, storeId: order.storeId, provider: method, flow: method === 'cash' ? 'cash' : 'barcode', status: 'succeeded', amount, outTradeNo: paymentId, ...(providerTxnId ? { providerTxnId } : {}), refundedAmount: 0, createdBy: s.ctx.userId, createdAt: at, completedAt: at };
  });

/** Everything the sale writes beside its movements; the first three are the conditions refusedBy names. */
const saleItems = (s: Sale, order: OrderItem) => (e: TxEntities, at: Date): TxWrite[] => {
  const payments = paymentsOf(s, order);
  const { tenantId } = order;
  const terminalId = s.terminal.thingName;
  const offline = order.offlineSale!;
  return [
    orderCreate(e, order),
    numberClaim(e, order, at),
    e.posSaleMark.create({ tenantId, terminalId, seqKey: seqKey(s.sale.seq), seq: s.sale.seq, clientSaleId: s.sale.clientSaleId, orderId: order.orderId, recordedAt: at.toISOString() }).commit(),
    e.posSyncState.update({ tenantId, terminalId }).add({ recorded: 1 }).commit(),
    ...payments.map((p) => e.payment.create(p).commit()),
    orderEvent(e, order, ORDER_EVENTS.created, at, { terminalId, offline: true }),
    orderEvent(e, order, ORDER_EVENTS.paid, at, { paymentIds: payments.map((p) => p.paymentId) }),
    orderEvent(e, order, ORDER_EVENTS.completed, at),
    ...(offline.chargedDiffers
      ? [e.outboxEvent.create(outboxItem(tenantId, ORDER_PRICE_DIFFERS, { orderId: order.orderId, storeId: order.storeId, terminalId, clientSaleId: s.sale.clientSaleId, number: order.number, total: order.total, engineTotal: offline.engineTotal, lines: offline.priceFlags }, at)).commit()]
      : []),
  ];
};

const write = (s: Sale, base: Omit<OrderItem, 'number'>, timeZone: string, deps: OrderDeps): Promise<SaleOutcome> =>
  retryOptimistically<SaleOutcome>(MAX_ATTEMPTS, () => new StockBusyError(), async () => {
    // Numbered as of the sale: the store-local time the customer paid (order-numbers.ts), drawn again on a collision.
    const order: OrderItem = { ...base, number: drawOrderNumber('pos', new Date(base.createdAt), timeZone) };
    try {
      const posted = await postStock(
        {
          tenantId: order.tenantId,
          postingId: `${order.orderId}:sale`,
          channel: 'pos',
          reference: order.orderId,
          actorId: s.ctx.userId,
          changes: order.lines.map((l) => ({ locationId: order.storeId, skuId: l.skuId, movement: { type: 'sale' as const, quantity: -l.quantity }, guard: 'none' as const })),
          extra: saleItems(s, order),
          refused: refusedBy,
        },
        deps,
      );
      if (!posted.replayed) return { clientSaleId: s.sale.clientSaleId, seq: s.sale.seq, status: 'accepted', orderId: order.orderId, number: order.number };
    } catch (error) {
      if (error instanceof SaleConditionFailed && error.which === 'number') return RETRY;
      if (!(error instanceof SaleConditionFailed || error instanceof PostingIdReusedError)) throw error;
    }
    // A twin delivery of this sale, or another sale holding its seq, committed first.
    return (await priorRecord(s, deps)) ?? RETRY;
  });

export const recordSale = async (ctx: TenantContext, terminal: SyncTerminal, store: Pick<StoreItem, 'timezone'>, sale: SyncedSale, deps: OrderDeps): Promise<SaleOutcome> => {
  const s: Sale = { ctx, terminal, sale, orderId: offlineOrderId(ctx.tenantId, terminal, sale.clientSaleId), fingerprint: saleFingerprint(sale) };
  // Before today's rules: a sale recorded earlier is a duplicate even if it could not be recorded now.
  const prior = await priorRecord(s, deps);
  if (prior) return prior;
  const now = deps.clock.now();
  const charged = checkSale(sale, terminal.storeId, now);
  if ('rejected' in charged) return rejected(s, charged.rejected);
  const occurredAt = new Date(sale.occurredAt).toISOString();
  const priced = await enginePrices(s, charged, occurredAt, deps);
  if (!priced) return rejected(s, SALE_REJECTIONS.unknownSku);

  const flags = priceFlags(charged.lines, priced.quote.lines);
  const base: Omit<OrderItem, 'number'> = {
    tenantId: ctx.tenantId,
    orderId: s.orderId,
    storeId: terminal.storeId,
    channel: 'pos',
    businessDay: businessDayOf(new Date(occurredAt), store.timezone),
    status: 'completed',
    lines: charged.lines.map((l, i) => ({ skuId: l.skuId, name: priced.skus[i]!.name, quantity: l.quantity, unitPrice: l.unitPrice, listTotal: l.amount, discount: 0, amount: l.amount, returned: 0, refunded: 0 })),
    subtotal: charged.total,
    discountTotal: 0,
    total: charged.total,
    paidAmount: charged.total,
    refundedAmount: 0,
    fulfilmentType: 'instore',
    terminalId: terminal.thingName,
    createdBy: ctx.userId,
    // The order sits in its day's list at the moment the customer paid, not when the till synced.
    createdAt: occurredAt,
    paidAt: occurredAt,
    completedAt: occurredAt,
    version: 0,
    offlineSale: {
      terminalId: terminal.thingName,
      clientSaleId: sale.clientSaleId,
      seq: sale.seq,
      occurredAt,
      syncedAt: now.toISOString(),
      fingerprint: s.fingerprint,
      engineTotal: priced.quote.total,
      chargedDiffers: flags.length > 0 || priced.quote.total !== charged.total,
      priceFlags: flags,
    },
  };
  try {
    return await write(s, base, store.timezone, deps);
  } catch (error) {
    if (error instanceof StockBusyError) return rejected(s, SALE_REJECTIONS.busy);
    throw error;
  }
};

// The pure rules of a synced sale (DESIGN.md rule 9): its fingerprint, the order id it records
// under, what may refuse it before anything is read, and how the charged price compares with the
// engine's. A refusal is a code in the batch's answer, never an exception the batch fails on.
import { createHash } from 'node:crypto';
import { derivedId } from '../../shared/ids.ts';
import { MAX_ORDER_SKUS } from '../schemas.ts';
import type { SyncedSale } from './schemas.ts';

/** Why a sale was not recorded, as the batch's answer names it. */
export const SALE_REJECTIONS = {
  /** The clientSaleId was recorded before with other contents. */
  clientSaleIdReused: 'client_sale_id_reused',
  /** Another sale of this terminal holds the seq. */
  seqReused: 'seq_reused',
  /** The sale names another store than the one its terminal is registered at. */
  storeMismatch: 'terminal_not_at_store',
  saleInFuture: 'sale_in_future',
  /** Older than a business day's number claims are kept (order-number-entity.ts). */
  saleTooOld: 'sale_too_old',
  unknownSku: 'unknown_sku',
  tooManySkus: 'too_many_skus',
  /** One SKU on several lines at different unit prices: an order keeps one line per SKU. */
  skuPricesDiffer: 'sku_repeated_at_different_prices',
  providerTxnIdRequired: 'provider_txn_id_required',
  paymentsDoNotMatch: 'payments_do_not_match_total',
  /** The stock kept changing, or the number drawn kept colliding; the till sends the sale again. */
  busy: 'busy',
} as const;
export type SaleRejection = (typeof SALE_REJECTIONS)[keyof typeof SALE_REJECTIONS];

/** A till's clock may run a little ahead of ours. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Number claims are kept 40 days (ORDER_NUMBER_RETENTION_SECONDS): an older sale could draw a number its day already gave out. */
export const MAX_SALE_AGE_MS = 30 * 24 * 3600_000;

export type ChargedLine = { skuId: string; quantity: number; unitPrice: number; amount: number };
export type ChargedSale = { lines: ChargedLine[]; total: number };

/**
 * The id a sale is recorded under: the same for every delivery of (tenant, terminal, clientSaleId),
 * so a duplicate meets the first one's conditional create. Its time part is the terminal's
 * registration, which never changes, rather than anything the sale says.
 */
export const offlineOrderId = (tenantId: string, terminal: { thingName: string; provisionedAt: string }, clientSaleId: string): string =>
  derivedId('order', Date.parse(terminal.provisionedAt), `offline-sale\n${tenantId}\n${terminal.thingName}\n${clientSaleId}`);

/** Everything the till said about the sale; a duplicate must say the same. */
export const saleFingerprint = (sale: SyncedSale): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        sale.seq,
        new Date(sale.occurredAt).toISOString(),
        sale.storeId,
        sale.lines.map((l) => [l.skuId, l.quantity, l.unitPrice]),
        sale.payments.map((p) => [p.method, p.amount, p.providerTxnId ?? null]),
      ]),
    )
    .digest('base64url')
    .slice(0, 22);

/** The sale's lines one per SKU (first appearance order) and its charged total, or why it cannot be recorded. */
export const checkSale = (sale: SyncedSale, terminalStoreId: string, now: Date): ChargedSale | { rejected: SaleRejection } => {
  if (sale.storeId !== terminalStoreId) return { rejected: SALE_REJECTIONS.storeMismatch };
  const at = Date.parse(sale.occurredAt);
  if (at > now.getTime() + CLOCK_SKEW_MS) return { rejected: SALE_REJECTIONS.saleInFuture };
  if (at < now.getTime() - MAX_SALE_AGE_MS) return { rejected: SALE_REJECTIONS.saleTooOld };

  const merged = new Map<string, ChargedLine>();
  for (const l of sale.lines) {
    const m = merged.get(l.skuId);
    if (m && m.unitPrice !== l.unitPrice) return { rejected: SALE_REJECTIONS.skuPricesDiffer };
    if (m) Object.assign(m, { quantity: m.quantity + l.quantity, amount: m.amount + l.quantity * l.unitPrice });
    else merged.set(l.skuId, { skuId: l.skuId, quantity: l.quantity, unitPrice: l.unitPrice, amount: l.quantity * l.unitPrice });
  }
  if (merged.size > MAX_ORDER_SKUS) return { rejected: SALE_REJECTIONS.tooManySkus };
  if (sale.payments.some((p) => p.method !== 'cash' && !p.providerTxnId)) return { rejected: SALE_REJECTIONS.providerTxnIdRequired };

  const lines = [...merged.values()];
  const total = lines.reduce((sum, l) => sum + l.amount, 0);
  if (sale.payments.reduce((sum, p) => sum + p.amount, 0) !== total) return { rejected: SALE_REJECTIONS.paymentsDoNotMatch };
  return { lines, total };
};

export type EngineLine = { skuId: string; unitPrice: number; amount: number };
export type PriceFlag = { skuId: string; quantity: number; chargedUnitPrice: number; chargedAmount: number; engineUnitPrice: number; engineAmount: number };

/** The lines the till charged differently from the engine (its amount after promotions), in line order. */
export const priceFlags = (charged: readonly ChargedLine[], engine: readonly EngineLine[]): PriceFlag[] =>
  charged.flatMap((c, i) => {
    const e = engine[i]!;
    return c.amount === e.amount ? [] : [{ skuId: c.skuId, quantity: c.quantity, chargedUnitPrice: c.unitPrice, chargedAmount: c.amount, engineUnitPrice: e.unitPrice, engineAmount: e.amount }];
  });

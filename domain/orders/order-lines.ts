// An order's lines, priced by the price engine at the moment the order is placed. Lines naming the
// same SKU become one line (their quantities added) before anything is priced or held: a hold
// checks a SKU's whole quantity at once, never line by line (Medusa #16502 is the bug this avoids).
import { ValidationError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import type { Channel } from '../shared/channels.ts';
import { priceBasket } from '../pricing/quote.ts';
import type { PricingService } from '../pricing/pricing-service.ts';
import type { OrderLineItem } from './order-entity.ts';
import type { StoreItem } from '../stores/store-entity.ts';

type Deps = { pricing: PricingService; clock: Clock };

/** One line per SKU, in the order SKUs first appear; `firstAt` maps a SKU to its first line's index. */
export const mergeLines = (lines: readonly { skuId: string; quantity: number }[]) => {
  const merged = new Map<string, { skuId: string; quantity: number; firstAt: number }>();
  lines.forEach((l, i) => {
    const m = merged.get(l.skuId);
    if (m) m.quantity += l.quantity;
    else merged.set(l.skuId, { skuId: l.skuId, quantity: l.quantity, firstAt: i });
  });
  return [...merged.values()];
};

export type PricedOrder = { lines: OrderLineItem[]; subtotal: number; discountTotal: number; total: number };

/** The priced lines and the store they were priced at (read once, for the order too). */
export type Priced = { priced: PricedOrder; store: StoreItem };

/**
 * Prices the merged lines as POST /v1/prices/quote would at this moment (promotions included,
 * each line its best one, integer fen: promotions.ts documents the rounding). An unknown SKU, an
 * archived one or another chain's is a 400 at the client's own line.
 */
export const priceOrder = async (ctx: TenantContext, storeId: string, channel: Channel, lines: readonly { skuId: string; quantity: number }[], deps: Deps): Promise<Priced> => {
  const merged = mergeLines(lines);
  const path = (i: number) => `body.lines.${merged[i]!.firstAt}.skuId`;
  // Eventually consistent: an order prices from a read a moment old, as a till from its last price version.
  const { quote, skus, store } = await priceBasket(ctx, { storeId, channel, member: false, lines: merged.map(({ skuId, quantity }) => ({ skuId, quantity })) }, { service: deps.pricing, clock: deps.clock, eventual: true }).catch(
    (error: unknown) => {
      // The quote names lines by its own (merged) positions; the client knows its own.
      if (error instanceof ValidationError && error.details) throw new ValidationError(error.details.map((d) => ({ path: String(d.path).replace(/^body\.lines\.(\d+)/, (_, i: string) => path(Number(i)).replace(/\.skuId$/, '')), message: String(d.message) })));
      throw error;
    },
  );
  const archived = skus.flatMap((s, i) => (s.status === 'archived' ? [{ path: path(i), message: 'This SKU is archived and no longer sold' }] : []));
  if (archived.length) throw new ValidationError(archived);
  const priced: PricedOrder = {
    lines: quote.lines.map((l, i) => ({
      skuId: l.skuId,
      name: skus[i]!.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      listTotal: l.listTotal,
      discount: l.discount,
      amount: l.amount,
      ...(l.promotionId ? { promotionId: l.promotionId } : {}),
      returned: 0,
      refunded: 0,
    })),
    subtotal: quote.subtotal,
    discountTotal: quote.discountTotal,
    total: quote.total,
  };
  return { priced, store };
};

/**
 * What returning `quantity` more units of a line refunds: the line's amount shared over its units,
 * rounded down, with the last unit back taking the remainder. Returning a line piece by piece thus
 * refunds exactly its amount in the end, never a fen more.
 */
export const refundForUnits = (line: Pick<OrderLineItem, 'quantity' | 'amount' | 'returned'>, quantity: number): number =>
  Math.floor((line.amount * (line.returned + quantity)) / line.quantity) - Math.floor((line.amount * line.returned) / line.quantity);

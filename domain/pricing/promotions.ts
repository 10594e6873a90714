// Promotions as pure functions over a basket whose unit prices are already resolved
// (price-resolution.ts). The server applies them when it prices an order; a till applies the same
// code offline, so the result must depend only on the basket, the promotions and the moment.
//
// Stacking: each line takes the single largest discount any one active promotion gives it, never
// a sum. Why: a line's discount then never exceeds what one promotion was designed to give, so no
// line can go negative or be discounted twice by promotions that were never meant to combine;
// there is no "which applies first" question (10% then 20% vs 20% then 10%, rounded in between),
// so the outcome does not depend on how promotions are listed; and each receipt line names one
// promotion. Each promotion is evaluated on the whole basket, so units that make up a
// buy-x-get-y group still count towards it when their own line wins a percentage discount: the
// customer did buy them. On a tie the promotion with the smaller id is named; the amount is equal.
import { z } from 'zod';
import { isWithinWindow, PriceAmount, ValidityWindow } from './price-resolution.ts';
import type { Instant } from './price-resolution.ts';

const PromotionBase = ValidityWindow.extend({ id: z.string().min(1) });

/** Of every `buy + get` qualifying units in the basket (any mix of the listed SKUs), the `get` cheapest are free. */
export const BuyXGetY = PromotionBase.extend({
  type: z.literal('buy_x_get_y'),
  skuIds: z.array(z.string()).min(1),
  buy: z.number().int().positive(),
  get: z.number().int().positive(),
});
export type BuyXGetY = z.infer<typeof BuyXGetY>;

/** `rateBps` basis points off every line in the category: 1500 is 15% off. */
export const PercentOffCategory = PromotionBase.extend({
  type: z.literal('percent_off_category'),
  categoryId: z.string().min(1),
  rateBps: z.number().int().min(1).max(10_000),
});
export type PercentOffCategory = z.infer<typeof PercentOffCategory>;

export const Promotion = z.discriminatedUnion('type', [BuyXGetY, PercentOffCategory]);
export type Promotion = z.infer<typeof Promotion>;

export const BasketLine = z.object({
  skuId: z.string(),
  categoryId: z.string().optional(),
  /** The category's ancestors: a department's percentage reaches the lines filed under its sub-categories. */
  categoryAncestorIds: z.array(z.string()).optional(),
  quantity: z.number().int().positive(),
  unitPrice: PriceAmount,
});
export type BasketLine = z.infer<typeof BasketLine>;

export const DiscountedLine = BasketLine.extend({
  listTotal: PriceAmount,
  discount: PriceAmount,
  total: PriceAmount,
  promotionId: z.string().nullable(),
});
export type DiscountedLine = z.infer<typeof DiscountedLine>;

export const PromotionOutcome = z.object({
  /** Same order as the input lines. */
  lines: z.array(DiscountedLine),
  listTotal: PriceAmount,
  discountTotal: PriceAmount,
  total: PriceAmount,
  /** Promotions that discounted at least one line, sorted by id. */
  appliedPromotionIds: z.array(z.string()),
});
export type PromotionOutcome = z.infer<typeof PromotionOutcome>;

const lineTotalOf = (line: BasketLine): number => {
  const total = line.quantity * line.unitPrice;
  // Beyond 2^53 fen (about 90 trillion yuan) integer maths silently stops being exact.
  if (!Number.isSafeInteger(total)) throw new RangeError(`Line total for ${line.skuId} is too large to compute exactly`);
  return total;
};

/**
 * amount * rateBps / 10000, rounded half up to a whole fen. Split into whole ten-thousands and a
 * remainder so no intermediate product leaves the safe-integer range.
 */
export const basisPointsOf = (amount: number, rateBps: number): number => {
  const whole = Math.floor(amount / 10_000);
  const rest = amount - whole * 10_000;
  return whole * rateBps + Math.floor((rest * rateBps + 5_000) / 10_000);
};

// Code-unit order, not localeCompare: the same on every runtime, so a till and the server agree.
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Cheapest first; equal prices are ordered by the line's content, then its position, so which of
 * two equally cheap lines carries the free units does not depend on the order lines were scanned.
 */
const cheapestFirst = (a: { line: BasketLine; index: number }, b: { line: BasketLine; index: number }): number =>
  a.line.unitPrice - b.line.unitPrice ||
  byCodeUnits(a.line.skuId, b.line.skuId) ||
  a.line.quantity - b.line.quantity ||
  byCodeUnits(a.line.categoryId ?? '', b.line.categoryId ?? '') ||
  byCodeUnits(JSON.stringify(a.line.categoryAncestorIds ?? null), JSON.stringify(b.line.categoryAncestorIds ?? null)) ||
  a.index - b.index;

const buyXGetYDiscounts = (promotion: BuyXGetY, lines: readonly BasketLine[]): number[] => {
  const skuIds = new Set(promotion.skuIds);
  const qualifying = lines.map((line, index) => ({ line, index })).filter(({ line }) => skuIds.has(line.skuId));
  const units = qualifying.reduce((sum, { line }) => sum + line.quantity, 0);
  // A group needs all buy + get units in the basket: with buy 2 get 1, two units earn nothing yet.
  let free = Math.floor(units / (promotion.buy + promotion.get)) * promotion.get;
  const discounts = lines.map(() => 0);
  for (const { line, index } of qualifying.sort(cheapestFirst)) {
    if (free === 0) break;
    const taken = Math.min(free, line.quantity);
    discounts[index] = taken * line.unitPrice;
    free -= taken;
  }
  return discounts;
};

const isInCategory = (line: BasketLine, categoryId: string): boolean =>
  line.categoryId !== undefined && (line.categoryId === categoryId || (line.categoryAncestorIds?.includes(categoryId) ?? false));

const percentOffDiscounts = (promotion: PercentOffCategory, lines: readonly BasketLine[]): number[] =>
  lines.map((line) => (isInCategory(line, promotion.categoryId) ? basisPointsOf(lineTotalOf(line), promotion.rateBps) : 0));

/** What one promotion alone would take off each line (same order as `lines`), ignoring its validity window. */
export const discountsFor = (promotion: Promotion, lines: readonly BasketLine[]): number[] => {
  switch (promotion.type) {
    case 'buy_x_get_y':
      return buyXGetYDiscounts(promotion, lines);
    case 'percent_off_category':
      return percentOffDiscounts(promotion, lines);
  }
};

export const applyPromotions = (lines: readonly BasketLine[], promotions: readonly Promotion[], at: Instant): PromotionOutcome => {
  const active = promotions
    .filter((promotion) => isWithinWindow(promotion, at))
    .sort((a, b) => byCodeUnits(a.id, b.id));
  const perPromotion = active.map((promotion) => ({ id: promotion.id, discounts: discountsFor(promotion, lines) }));

  const discounted = lines.map((line, index): DiscountedLine => {
    const listTotal = lineTotalOf(line);
    let discount = 0;
    let promotionId: string | null = null;
    // Strictly greater, over promotions sorted by id: ties keep the smaller id.
    for (const { id, discounts } of perPromotion) {
      const candidate = discounts[index] ?? 0;
      if (candidate > discount) {
        discount = candidate;
        promotionId = id;
      }
    }
    return { ...line, listTotal, discount, total: listTotal - discount, promotionId };
  });

  const listTotal = discounted.reduce((sum, line) => sum + line.listTotal, 0);
  const discountTotal = discounted.reduce((sum, line) => sum + line.discount, 0);
  const applied = new Set(discounted.flatMap((line) => (line.promotionId === null ? [] : [line.promotionId])));
  return { lines: discounted, listTotal, discountTotal, total: listTotal - discountTotal, appliedPromotionIds: [...applied].sort() };
};

// The seed's shoppers, as pure functions of a seeded random source: what a basket holds (1 to 6
// SKUs the store still has on its shelf, mostly 1 to 3 of them, 1 to 3 units each, mostly 1), when
// in a business day the till rang it up, how it was paid (mostly cash) and what note was handed
// over. The same seed gives the same day of trade, so a failure can be run again as it was.

export type Rng = () => number;
/** Units a store can still sell, by SKU id; a basket takes its units off. */
export type Shelf = Map<string, number>;
export type BasketLine = { skuId: string; quantity: number };
export type TillMethod = 'cash' | 'wechat' | 'alipay';

/** mulberry32 over a string's hash: uniform in [0, 1). */
export const seededRng = (seed: string): Rng => {
  let h = 1779033703;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 3432918353) >>> 0;
  return () => {
    h = (h + 0x6d2b79f5) >>> 0;
    let t = Math.imul(h ^ (h >>> 15), 1 | h);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export const intBetween = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

/** 1 + the index drawn by `weights`. */
const weighted = (rng: Rng, weights: readonly number[]): number => {
  let r = rng() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) < 0) return i + 1;
  return weights.length;
};

/** How many SKUs a convenience-store basket holds (1 to 6) and how many units of each (1 to 3). */
const LINE_WEIGHTS = [32, 26, 18, 12, 8, 4];
const UNIT_WEIGHTS = [68, 22, 10];

/**
 * A basket from the shelf's SKUs with more than `keepBack` units left, each line no more than
 * what is left above it; its units are taken off the shelf. Empty when the shelf has nothing.
 */
export const pickBasket = (rng: Rng, shelf: Shelf, keepBack = 0): BasketLine[] => {
  const stocked = [...shelf].filter(([, units]) => units > keepBack).map(([skuId]) => skuId);
  const lines: BasketLine[] = [];
  for (let want = Math.min(weighted(rng, LINE_WEIGHTS), stocked.length); lines.length < want; ) {
    const skuId = stocked.splice(Math.floor(rng() * stocked.length), 1)[0]!;
    const quantity = Math.min(weighted(rng, UNIT_WEIGHTS), shelf.get(skuId)! - keepBack);
    shelf.set(skuId, shelf.get(skuId)! - quantity);
    lines.push({ skuId, quantity });
  }
  return lines;
};

/** About four sales in five are paid in cash at the till; the rest by WeChat Pay or Alipay. */
export const tillMethod = (rng: Rng): TillMethod => {
  const r = rng();
  return r < 0.78 ? 'cash' : r < 0.93 ? 'wechat' : 'alipay';
};

/** A wallet's transaction id as the provider prints it: WeChat Pay 28 digits from 4200, Alipay the date and 22 digits. */
export const walletTxnId = (rng: Rng, method: Exclude<TillMethod, 'cash'>, day: string): string => {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');
  return method === 'wechat' ? `4200${digits(24)}` : `${day.replaceAll('-', '')}${digits(22)}`;
};

/** What a customer hands over for `total` fen: the exact sum now and then, else the smallest note that covers it (sometimes the next), or hundreds. */
export const cashTendered = (rng: Rng, total: number): number => {
  if (rng() < 0.2) return total;
  const notes = [500, 1000, 2000, 5000, 10_000].filter((n) => n >= total);
  if (notes.length === 0) return Math.ceil(total / 10_000) * 10_000;
  return notes[Math.min(notes.length - 1, rng() < 0.7 ? 0 : 1)]!;
};

/** `count` moments of business day `day` (YYYY-MM-DD at `utcOffsetHours`), between its opening and closing hours, in order. */
export const tradingMoments = (rng: Rng, day: string, count: number, { utcOffsetHours = 8, opens = 7, closes = 23 } = {}): Date[] => {
  const midnight = Date.parse(`${day}T00:00:00.000Z`) - utcOffsetHours * 3600_000;
  const open = (closes - opens) * 3600;
  return Array.from({ length: count }, () => new Date(midnight + (opens * 3600 + Math.floor(rng() * open)) * 1000)).sort((a, b) => a.getTime() - b.getTime());
};

/** The business day (YYYY-MM-DD) `daysBack` before `now`'s, at `utcOffsetHours`. */
export const businessDayBefore = (now: Date, daysBack: number, utcOffsetHours = 8): string =>
  new Date(now.getTime() + utcOffsetHours * 3600_000 - daysBack * 24 * 3600_000).toISOString().slice(0, 10);

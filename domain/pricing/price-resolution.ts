// Which price a SKU sells at, here and now. Price lists are layered over the SKU's list price; a
// list applies when its scope covers the store and channel and its validity window covers the
// moment of sale. Pure: the caller loads the candidate lists, this only chooses among them.
import { z } from 'zod';
import { Channel } from '../shared/channels.ts';


/** Standard lists apply to everyone; member lists only to a signed-in member of the chain's loyalty scheme. */
export const PRICE_LIST_KINDS = ['standard', 'member'] as const;
export const PriceListKind = z.enum(PRICE_LIST_KINDS);
export type PriceListKind = z.infer<typeof PriceListKind>;

/** Integer fen, never negative (a SKU may be given away, never paid for). */
export const PriceAmount = z.number().int().nonnegative();

/** A moment as sent in JSON (ISO-8601) or as built in code. */
export const Instant = z.union([z.iso.datetime({ offset: true }), z.date()]);
export type Instant = z.infer<typeof Instant>;

/** Each dimension that is present and non-empty must contain the sale's value; absent or empty means "all". */
export const PriceListScope = z.object({
  regionIds: z.array(z.string()).optional(),
  storeIds: z.array(z.string()).optional(),
  channels: z.array(Channel).optional(),
});
export type PriceListScope = z.infer<typeof PriceListScope>;

/** validFrom is inclusive and validTo exclusive, so back-to-back lists never both apply. */
export const ValidityWindow = z.object({ validFrom: Instant.optional(), validTo: Instant.optional() });
export type ValidityWindow = z.infer<typeof ValidityWindow>;

export const PriceListCandidate = ValidityWindow.extend({
  id: z.string().min(1),
  priority: z.number().int(),
  version: z.number().int().nonnegative(),
  scope: PriceListScope,
  /** Absent means 'standard': lists created before member pricing existed have no kind. */
  kind: PriceListKind.optional(),
  prices: z.union([z.map(z.string(), PriceAmount), z.record(z.string(), PriceAmount)]),
});
export type PriceListCandidate = z.infer<typeof PriceListCandidate>;

export const PriceContext = z.object({
  storeId: z.string(),
  regionId: z.string(),
  channel: Channel,
  at: Instant,
  member: z.boolean().optional(),
});
export type PriceContext = z.infer<typeof PriceContext>;

export const PricedSku = z.object({ skuId: z.string(), listPrice: PriceAmount });
export type PricedSku = z.infer<typeof PricedSku>;

export const PriceSource = z.discriminatedUnion('type', [
  z.object({ type: z.literal('list_price') }),
  z.object({ type: z.literal('price_list'), id: z.string(), version: z.number().int() }),
]);
export type PriceSource = z.infer<typeof PriceSource>;

export const ResolvedPrice = z.object({ skuId: z.string(), amount: PriceAmount, source: PriceSource });
export type ResolvedPrice = z.infer<typeof ResolvedPrice>;

/** Milliseconds since the epoch; throws on an unparseable moment rather than silently matching nothing. */
export const toEpochMs = (at: Instant): number => {
  const ms = at instanceof Date ? at.getTime() : Date.parse(at);
  if (Number.isNaN(ms)) throw new RangeError(`Not a valid instant: ${String(at)}`);
  return ms;
};

export const isWithinWindow = (window: ValidityWindow, at: Instant): boolean => {
  const ms = toEpochMs(at);
  if (window.validFrom !== undefined && ms < toEpochMs(window.validFrom)) return false;
  return window.validTo === undefined || ms < toEpochMs(window.validTo);
};

const dimensionMatches = <T>(allowed: readonly T[] | undefined, value: T): boolean =>
  allowed === undefined || allowed.length === 0 || allowed.includes(value);

export const scopeMatches = (scope: PriceListScope, context: Pick<PriceContext, 'storeId' | 'regionId' | 'channel'>): boolean =>
  dimensionMatches(scope.regionIds, context.regionId) &&
  dimensionMatches(scope.storeIds, context.storeId) &&
  dimensionMatches(scope.channels, context.channel);

const priceIn = (list: PriceListCandidate, skuId: string): number | undefined => {
  const { prices } = list;
  if (prices instanceof Map) return prices.get(skuId);
  // hasOwn, so a SKU id such as "constructor" never reads something off Object.prototype.
  return Object.hasOwn(prices, skuId) ? prices[skuId] : undefined;
};

/**
 * Orders lists from most to least preferred. Priority decides. On equal priority the later
 * validFrom wins: a dated list laid over an open-ended one at the same priority (the "promo
 * week over the regional list" case) is the more specific and the more recent decision, and an
 * absent validFrom counts as the beginning of time. Then the greater id wins: ids are ULIDs, so
 * that is the list created later, and comparing code units (not localeCompare) gives the same
 * answer on every runtime, so a till and the server never disagree about a price.
 */
const compareLists = (a: PriceListCandidate, b: PriceListCandidate): number => {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const fromA = a.validFrom === undefined ? -Infinity : toEpochMs(a.validFrom);
  const fromB = b.validFrom === undefined ? -Infinity : toEpochMs(b.validFrom);
  if (fromA !== fromB) return fromB > fromA ? 1 : -1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
};

/** The lists that apply to this sale at all, most preferred first; resolve many SKUs against one ranking. */
export const rankApplicableLists = (context: PriceContext, lists: readonly PriceListCandidate[]): PriceListCandidate[] =>
  lists
    .filter((list) => (list.kind ?? 'standard') === 'standard' || context.member === true)
    .filter((list) => scopeMatches(list.scope, context) && isWithinWindow(list, context.at))
    .sort(compareLists);

const resolveAgainst = (sku: PricedSku, ranked: readonly PriceListCandidate[]): ResolvedPrice => {
  for (const list of ranked) {
    const amount = priceIn(list, sku.skuId);
    // A list that does not price this SKU falls through to the next one, not to the list price.
    if (amount !== undefined) return { skuId: sku.skuId, amount, source: { type: 'price_list', id: list.id, version: list.version } };
  }
  return { skuId: sku.skuId, amount: sku.listPrice, source: { type: 'list_price' } };
};

export const resolvePrice = (sku: PricedSku, context: PriceContext, lists: readonly PriceListCandidate[]): ResolvedPrice =>
  resolveAgainst(sku, rankApplicableLists(context, lists));

export const resolvePrices = (skus: readonly PricedSku[], context: PriceContext, lists: readonly PriceListCandidate[]): ResolvedPrice[] => {
  const ranked = rankApplicableLists(context, lists);
  return skus.map((sku) => resolveAgainst(sku, ranked));
};

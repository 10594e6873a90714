// What a function instance remembers of a chain's prices between checkouts: the live lists and
// each SKU's price entries, valid for one number of the tenant's price sequence. Every price
// change moves that sequence in the transaction that writes it (price-change.ts), so a checkout
// reads the sequence item beside its other point reads (one BatchGetItem, read-coalescing.ts)
// and prices from memory when the number is the one the memory was read under. A change costs
// the next checkout on each instance one more round of reads; an unchanged chain reads no price
// entry at all.
//
// The number a memory is valid for is the sequence this instance had already read *before* the
// entries were queried, and those queries are strongly consistent: the entries then show that
// change or a later one, and if the sequence still has that number, no later one exists. A
// sequence read in the same round as the entries proves nothing (either may have come first), so
// the first checkout after a change stores nothing and the next one fills the memory.
import type { LivePriceListItem } from './live-price-list-entity.ts';
import type { PriceEntryItem } from './price-entry-entity.ts';

/** Enough for a large chain's whole range on a warm instance; beyond it the tenant starts over. */
const MAX_SKUS_PER_TENANT = 20_000;
/** A pooled function serves many tenants; the least recently priced one is forgotten first. */
const MAX_TENANTS = 64;

type TenantPrices = {
  /** The latest sequence number this instance has read. */
  seen?: number;
  /** The sequence number `lists` and `entries` are valid for. */
  validFor?: number;
  lists?: LivePriceListItem[];
  entries: Map<string, PriceEntryItem[]>;
};

/** What a checkout may take from memory, if the sequence it reads says `validFor`. */
export type Remembered = {
  /** The sequence number already known as this checkout's reads start; reads now reflect at least it. */
  knownBefore?: number;
  validFor?: number;
  lists?: LivePriceListItem[];
  entries: Map<string, PriceEntryItem[]>;
};

export type PriceCache = {
  recall(tenantId: string, skuIds: readonly string[]): Remembered;
  /**
   * Records the sequence `current` the checkout read, forgets what it invalidates, and keeps
   * `fresh` (strongly consistent reads issued once `issuedUnder` was known) when that is `current`.
   */
  remember(tenantId: string, current: number, issuedUnder: number | undefined, fresh: { lists?: LivePriceListItem[]; entries: Map<string, PriceEntryItem[]> }): void;
};

export const createPriceCache = (): PriceCache => {
  const tenants = new Map<string, TenantPrices>();
  const touch = (tenantId: string): TenantPrices => {
    const prices = tenants.get(tenantId) ?? { entries: new Map() };
    tenants.delete(tenantId);
    tenants.set(tenantId, prices);
    if (tenants.size > MAX_TENANTS) tenants.delete(tenants.keys().next().value!);
    return prices;
  };
  return {
    recall(tenantId, skuIds) {
      const prices = touch(tenantId);
      const entries = new Map(skuIds.flatMap((id) => (prices.entries.has(id) ? [[id, prices.entries.get(id)!] as const] : [])));
      return { knownBefore: prices.seen, validFor: prices.validFor, lists: prices.lists, entries };
    },
    remember(tenantId, current, issuedUnder, fresh) {
      const prices = touch(tenantId);
      prices.seen = current;
      if (prices.validFor !== current) Object.assign(prices, { validFor: undefined, lists: undefined, entries: new Map() });
      if (issuedUnder !== current) return;
      prices.validFor = current;
      if (fresh.lists) prices.lists = fresh.lists;
      if (prices.entries.size + fresh.entries.size > MAX_SKUS_PER_TENANT) prices.entries.clear();
      for (const [skuId, items] of fresh.entries) prices.entries.set(skuId, items);
    },
  };
};

/** The instance's memory: module scope, so it lives as long as the function instance. */
export const instancePriceCache = createPriceCache();

// What resolving prices at a store reads, in one round of parallel requests however many lists
// the chain has: the store (for its region), the SKUs (for list prices and categories), one Query
// per SKU of its price entries, and one Query of the chain's live lists (live-price-list-entity.ts:
// each active list's scope, window, priority and, for a promotion, its rule). Entries carry only
// amounts, so a change of window, scope or status is one item however many SKUs a list prices; an
// entry of a list that is not live is read and then ignored. A checkout (eventual reads) takes the
// live lists and entries from the instance's memory when the price sequence says they are current
// (price-cache.ts), so it reads no price item at all on a chain whose prices have not moved.
import { requireVisibleStore } from '../stores/visible-store.ts';
import type { StoreItem } from '../stores/store-entity.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { canAccessStore, type TenantContext } from '../shared/tenancy.ts';
import type { SkuRecord } from '../catalog/sku-view.ts';
import type { PricingService } from './pricing-service.ts';
import type { PriceListCandidate } from './price-resolution.ts';
import type { LivePriceListItem } from './live-price-list-entity.ts';
import type { PriceEntryItem } from './price-entry-entity.ts';
import { skusById } from './references.ts';
import { readSequence } from './price-change.ts';
import { instancePriceCache, type PriceCache } from './price-cache.ts';

/**
 * `eventual`: read with eventual consistency (half the read units). A checkout may price from a
 * read a moment old, as a till prices from its last price version; quotes and resolve read strongly.
 */
type Deps = { service: PricingService; eventual?: boolean; priceCache?: PriceCache };

/** A store the caller may price at; anything else, another tenant's included, is not found. */
export const requirePricingStore = (ctx: TenantContext, storeId: string, deps: Deps): Promise<StoreItem> => requireVisibleStore(ctx, storeId, deps);

export type PricingInputs = {
  /** The store priced at, whole: an order checks its status and time zone without reading it again. */
  store: StoreItem;
  skus: SkuRecord[];
  /** Active standard and member lists pricing any of the SKUs, with those SKUs' prices. */
  candidates: PriceListCandidate[];
  /** Every live list (promotions included), by id: what explains a price and names a promotion. */
  lists: Map<string, LivePriceListItem>;
};

const candidateOf = (l: LivePriceListItem, prices: ReadonlyMap<string, number>): PriceListCandidate => ({
  id: l.priceListId,
  priority: l.priority,
  version: l.version,
  scope: l.scope,
  kind: l.kind === 'member' ? 'member' : 'standard',
  validFrom: l.validFrom,
  validTo: l.validTo,
  prices: new Map(prices),
});

type Prices = { lists: LivePriceListItem[]; entries: Map<string, PriceEntryItem[]> };

const readLists = async (tenantId: string, consistent: boolean, service: PricingService) => (await service.entities.livePriceList.query.byTenant({ tenantId }).go({ pages: 'all', consistent })).data;

const readEntries = async (tenantId: string, skuIds: readonly string[], consistent: boolean, service: PricingService): Promise<Map<string, PriceEntryItem[]>> => {
  const unique = [...new Set(skuIds)];
  const read = await Promise.all(unique.map((skuId) => service.entities.priceEntry.query.bySku({ tenantId, skuId }).go({ pages: 'all', consistent })));
  return new Map(unique.map((id, i) => [id, read[i]!.data]));
};

/** One Query of the live lists and one per SKU of its entries. */
const readPrices = async (tenantId: string, skuIds: readonly string[], consistent: boolean, service: PricingService): Promise<Prices> => {
  const [lists, entries] = await Promise.all([readLists(tenantId, consistent, service), readEntries(tenantId, skuIds, consistent, service)]);
  return { lists, entries };
};

/**
 * The prices from memory where the sequence read beside them says memory is current, read for the
 * rest. Reads are strong once a sequence number is known, so memory can keep them (price-cache.ts).
 */
const rememberedPrices = async (tenantId: string, skuIds: readonly string[], service: PricingService, cache: PriceCache): Promise<Prices> => {
  const memory = cache.recall(tenantId, skuIds);
  const keepable = memory.knownBefore !== undefined;
  const missing = skuIds.filter((id) => !memory.entries.has(id));
  const [current, lists, fetched] = await Promise.all([
    readSequence(tenantId, 'sequence', service, false),
    memory.lists ? undefined : readLists(tenantId, keepable, service),
    missing.length ? readEntries(tenantId, missing, keepable, service) : new Map<string, PriceEntryItem[]>(),
  ]);
  const usedMemory = memory.lists !== undefined || memory.entries.size > 0;
  if (usedMemory && memory.validFor !== current) {
    // Prices moved since memory was read: read them all again, now that `current` is known.
    const again = await readPrices(tenantId, skuIds, true, service);
    cache.remember(tenantId, current, current, again);
    return again;
  }
  cache.remember(tenantId, current, memory.knownBefore, { lists, entries: fetched });
  return { lists: memory.lists ?? lists!, entries: new Map([...memory.entries, ...fetched]) };
};

/** Reads everything resolution needs for `skuIds` at `storeId`. `pathOf(i)` names the request field of the i-th SKU, for the 400 an unknown SKU gets. */
export const readPricingInputs = async (ctx: TenantContext, storeId: string, skuIds: readonly string[], pathOf: (i: number) => string, deps: Deps): Promise<PricingInputs> => {
  const { tenantId } = ctx;
  const consistent = !deps.eventual;
  // Before any read: a store-scoped caller naming another store costs nothing.
  if (!canAccessStore(ctx, storeId)) throw new NotFoundError('store');
  const [store, skus, { lists: live, entries }] = await Promise.all([
    requirePricingStore(ctx, storeId, deps),
    skusById(tenantId, skuIds, deps, consistent),
    consistent ? readPrices(tenantId, skuIds, true, deps.service) : rememberedPrices(tenantId, skuIds, deps.service, deps.priceCache ?? instancePriceCache),
  ]);
  const unknown = skuIds.flatMap((id, i) => (skus.has(id) ? [] : [{ path: pathOf(i), message: 'No such SKU in this chain' }]));
  if (unknown.length) throw new ValidationError(unknown);

  const lists = new Map(live.map((l) => [l.priceListId, l]));
  const byList = new Map<string, Map<string, number>>();
  for (const e of skuIds.flatMap((id) => entries.get(id) ?? [])) if (lists.has(e.priceListId)) byList.set(e.priceListId, (byList.get(e.priceListId) ?? new Map()).set(e.skuId, e.amount));
  const candidates = [...byList].filter(([id]) => lists.get(id)!.kind !== 'promotion').map(([id, prices]) => candidateOf(lists.get(id)!, prices));
  return { store, skus: skuIds.map((id) => skus.get(id)!), candidates, lists };
};

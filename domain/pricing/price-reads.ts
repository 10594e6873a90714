// What resolving prices at a store reads, in one round of parallel requests however many lists
// the chain has: the store (for its region), the SKUs (for list prices and categories), one Query
// per SKU of its price entries, and one Query of the chain's live lists (live-price-list-entity.ts:
// each active list's scope, window, priority and, for a promotion, its rule). Entries carry only
// amounts, so a change of window, scope or status is one item however many SKUs a list prices; an
// entry of a list that is not live is read and then ignored.
import { requireVisibleStore } from '../stores/visible-store.ts';
import type { StoreItem } from '../stores/store-entity.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { canAccessStore, type TenantContext } from '../shared/tenancy.ts';
import type { SkuRecord } from '../catalog/sku-view.ts';
import type { PricingService } from './pricing-service.ts';
import type { PriceListCandidate } from './price-resolution.ts';
import type { LivePriceListItem } from './live-price-list-entity.ts';
import { skusById } from './references.ts';

/**
 * `eventual`: read with eventual consistency (half the read units). A checkout may price from a
 * read a moment old, as a till prices from its last price version; quotes and resolve read strongly.
 */
type Deps = { service: PricingService; eventual?: boolean };

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

/** Reads everything resolution needs for `skuIds` at `storeId`. `pathOf(i)` names the request field of the i-th SKU, for the 400 an unknown SKU gets. */
export const readPricingInputs = async (ctx: TenantContext, storeId: string, skuIds: readonly string[], pathOf: (i: number) => string, deps: Deps): Promise<PricingInputs> => {
  const { tenantId } = ctx;
  const { entities } = deps.service;
  const consistent = !deps.eventual;
  // Before any read: a store-scoped caller naming another store costs nothing.
  if (!canAccessStore(ctx, storeId)) throw new NotFoundError('store');
  const [store, skus, entries, live] = await Promise.all([
    requirePricingStore(ctx, storeId, deps),
    skusById(tenantId, skuIds, deps, consistent),
    Promise.all(skuIds.map((skuId) => entities.priceEntry.query.bySku({ tenantId, skuId }).go({ pages: 'all', consistent }))),
    entities.livePriceList.query.byTenant({ tenantId }).go({ pages: 'all', consistent }),
  ]);
  const unknown = skuIds.flatMap((id, i) => (skus.has(id) ? [] : [{ path: pathOf(i), message: 'No such SKU in this chain' }]));
  if (unknown.length) throw new ValidationError(unknown);

  const lists = new Map(live.data.map((l) => [l.priceListId, l]));
  const byList = new Map<string, Map<string, number>>();
  for (const e of entries.flatMap((r) => r.data)) if (lists.has(e.priceListId)) byList.set(e.priceListId, (byList.get(e.priceListId) ?? new Map()).set(e.skuId, e.amount));
  const candidates = [...byList].filter(([id]) => lists.get(id)!.kind !== 'promotion').map(([id, prices]) => candidateOf(lists.get(id)!, prices));
  return { store, skus: skuIds.map((id) => skus.get(id)!), candidates, lists };
};

// What resolving prices at a store reads, in two rounds of parallel requests however many lists
// the chain has: (1) the store (for its region), the SKUs (for list prices and categories) and one
// Query per SKU of its price entries; (2) one batch read of the lists those entries belong to
// (scope, window, priority, status), plus whatever the caller needs alongside (categories).
// Entries carry only amounts, so a change of window, scope or status is one item however many
// SKUs a list prices; an entry of a draft or archived list is read and then ignored.
import { requireVisibleStore } from '../stores/visible-store.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { canAccessStore, type TenantContext } from '../shared/tenancy.ts';
import type { SkuRecord } from '../catalog/sku-view.ts';
import type { PricingService } from './pricing-service.ts';
import type { PriceListCandidate } from './price-resolution.ts';
import { candidateOf, type PriceListRecord } from './price-list-view.ts';
import { skusById } from './references.ts';

type Deps = { service: PricingService };

/** A store the caller may price at; anything else, another tenant's included, is not found. */
export const requirePricingStore = async (ctx: TenantContext, storeId: string, deps: Deps): Promise<{ storeId: string; regionId: string }> => {
  const { storeId: id, regionId } = await requireVisibleStore(ctx, storeId, deps);
  return { storeId: id, regionId };
};

export type PricingInputs = {
  store: { storeId: string; regionId: string };
  skus: SkuRecord[];
  /** Active standard and member lists pricing any of the SKUs, with those SKUs' prices. */
  candidates: PriceListCandidate[];
  lists: Map<string, PriceListRecord>;
};

/**
 * Reads everything resolution needs for `skuIds` at `storeId`. `pathOf(i)` names the request
 * field of the i-th SKU, for the 400 an unknown SKU gets. `alongside` runs in the second round.
 */
export const readPricingInputs = async <A = undefined>(
  ctx: TenantContext,
  storeId: string,
  skuIds: readonly string[],
  pathOf: (i: number) => string,
  deps: Deps,
  alongside?: (skus: SkuRecord[]) => Promise<A>,
): Promise<PricingInputs & { alongside: A }> => {
  const { tenantId } = ctx;
  const { entities } = deps.service;
  // Before any read: a store-scoped caller naming another store costs nothing.
  if (!canAccessStore(ctx, storeId)) throw new NotFoundError('store');
  const [store, skus, entries] = await Promise.all([
    requirePricingStore(ctx, storeId, deps),
    skusById(tenantId, skuIds, deps),
    Promise.all(skuIds.map((skuId) => entities.priceEntry.query.bySku({ tenantId, skuId }).go({ pages: 'all', consistent: true }))),
  ]);
  const unknown = skuIds.flatMap((id, i) => (skus.has(id) ? [] : [{ path: pathOf(i), message: 'No such SKU in this chain' }]));
  if (unknown.length) throw new ValidationError(unknown);

  const byList = new Map<string, Map<string, number>>();
  for (const e of entries.flatMap((r) => r.data)) byList.set(e.priceListId, (byList.get(e.priceListId) ?? new Map()).set(e.skuId, e.amount));
  const ordered = skuIds.map((id) => skus.get(id)!);
  const [headers, extra] = await Promise.all([
    byList.size ? entities.priceList.get([...byList.keys()].map((priceListId) => ({ tenantId, priceListId }))).go({ consistent: true }) : { data: [] },
    alongside ? alongside(ordered) : (undefined as A),
  ]);
  const lists = new Map(headers.data.map((h) => [h.priceListId, h as PriceListRecord]));
  const candidates = [...lists.values()]
    .filter((l) => l.status === 'active' && l.kind !== 'promotion')
    .map((l) => candidateOf(l, byList.get(l.priceListId) ?? new Map()));
  return { store, skus: ordered, candidates, lists, alongside: extra };
};

// Suggested order quantities for a store, a page of its assortment at a time: suggestOrderQuantity
// (replenishment.ts) fed from the ledger and the store's own settings. Per page: one query of the
// assortment, BatchGets of levels, min/max and SKUs, one query each of what is in transit to the
// store and on order for it, and one ranged query of the ledger per SKU for its recent sales.
//
// What is still on order (submitted, not shipped) counts with what is in transit: both arrive
// before anything ordered now, and leaving either out would suggest the same goods twice.
// A SKU with no min/max set is planned with 0 and 0 (order what sells over the lead time);
// its pack size is the catalog's `attributes.packSize` when that is a whole number, else 1.
import { requireLocation } from '../../catalog/locations.ts';
import type { Clock } from '../../shared/clock.ts';
import { withCursor } from '../../shared/pagination.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import { batchGet } from '../../shared/batches.ts';
import { levelKey, readLevels } from '../ledger/level-reads.ts';
import { suggestOrderQuantity } from './replenishment.ts';
import { onOrderTo } from './replenishment-orders.ts';
import { dailySales } from './replenishment-sales.ts';
import type { SuggestionQuery } from './replenishment-schemas.ts';
import type { StockService } from '../stock-service.ts';
import { inTransitTo } from '../transfers/transfer-reads.ts';
import type { SuggestionPage } from './replenishment-schemas.ts';

type Deps = { service: StockService; clock: Clock };

export const packSizeOf = (attributes: unknown): number => {
  const raw = (attributes as Record<string, unknown> | undefined)?.packSize;
  const size = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  return size >= 1 ? size : 1;
};

export const suggestReplenishment = async (ctx: TenantContext, storeId: string, query: SuggestionQuery, deps: Deps): Promise<SuggestionPage> => {
  const { tenantId } = ctx;
  const { service } = deps;
  await requireLocation(ctx, storeId, deps);
  const now = deps.clock.now();
  const { data: page, cursor } = await withCursor(query.cursor, () =>
    service.entities.assortment.query.byStore({ tenantId, storeId }).go({ limit: query.limit, cursor: query.cursor ?? null }),
  );
  const skuIds = page.map((a) => a.skuId);
  const [levels, settings, skus, inTransit, onOrder, sales] = await Promise.all([
    readLevels(service, tenantId, skuIds.map((skuId) => ({ locationId: storeId, skuId }))),
    batchGet(
      skuIds.map((skuId) => ({ tenantId, storeId, skuId })),
      (keys) => service.entities.replenishmentLevel.get(keys).go(),
    ),
    batchGet(
      skuIds.map((skuId) => ({ tenantId, skuId })),
      (keys) => service.entities.sku.get(keys).go(),
    ),
    inTransitTo(tenantId, storeId, deps),
    onOrderTo(tenantId, storeId, deps),
    Promise.all(skuIds.map((skuId) => dailySales(service, { tenantId, locationId: storeId, skuId }, now, query.windowDays))),
  ]);
  const settingOf = new Map(settings.map((s) => [s.skuId, s]));
  const skuOf = new Map(skus.map((s) => [s.skuId, s]));
  const data = skuIds.map((skuId, i) => {
    const level = levels.get(levelKey({ locationId: storeId, skuId }))!;
    const setting = settingOf.get(skuId);
    const input = {
      dailySales: sales[i]!,
      onHand: level.onHand,
      reserved: Math.max(0, level.reserved),
      inTransit: (inTransit.get(skuId) ?? 0) + (onOrder.get(skuId) ?? 0),
      min: setting?.min ?? 0,
      max: setting?.max ?? 0,
      leadTimeDays: query.leadTimeDays,
      reviewPeriodDays: query.reviewPeriodDays,
      packSize: packSizeOf(skuOf.get(skuId)?.attributes),
    };
    return {
      skuId,
      suggested: suggestOrderQuantity(input),
      sold: input.dailySales.reduce((sum, q) => sum + q, 0),
      onHand: input.onHand,
      reserved: input.reserved,
      inTransit: inTransit.get(skuId) ?? 0,
      onOrder: onOrder.get(skuId) ?? 0,
      min: input.min,
      max: input.max,
      levelsSet: setting !== undefined,
      packSize: input.packSize,
    };
  });
  return { storeId, windowDays: query.windowDays, leadTimeDays: query.leadTimeDays, reviewPeriodDays: query.reviewPeriodDays, data, nextCursor: cursor ?? null };
};

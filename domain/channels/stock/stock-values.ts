// The stock a platform may sell of a SKU at a store: what is left once holds and the safety stock
// kept back for walk-in customers are taken off (the same rule that refuses a delivery order's
// hold, inventory/ledger/stock-levels.ts), never below 0 nor above the platform's cap.
import { available } from '../../inventory/ledger/stock-levels.ts';
import { levelKey, readLevels, readPolicies } from '../../inventory/ledger/level-reads.ts';
import type { StockService } from '../../inventory/stock-service.ts';
import { pooledUnits } from '../../inventory/shards/pool-reads.ts';

/** `pooled`: what an open delivery pool of the SKU still holds; while it is open, delivery holds draw from it alone. */
export const sellable = (level: { onHand: number; reserved: number }, safetyStock: number, maxStock: number, pooled?: number): number =>
  Math.min(maxStock, pooled ?? available(level.onHand, level.reserved, 'delivery', safetyStock));

/** SKU id -> sellable units at the store, read now (levels consistently). */
export const readSellable = async (tenantId: string, storeId: string, skuIds: readonly string[], stock: StockService, maxStock: number): Promise<Map<string, number>> => {
  const keys = skuIds.map((skuId) => ({ locationId: storeId, skuId }));
  const [levels, policies, pooled] = await Promise.all([readLevels(stock, tenantId, keys), readPolicies(stock, tenantId, keys), pooledUnits(stock, tenantId, storeId, 'delivery', skuIds)]);
  return new Map(keys.map((k) => [k.skuId, sellable(levels.get(levelKey(k))!, policies.get(levelKey(k))!.safetyStock, maxStock, pooled.get(k.skuId))]));
};

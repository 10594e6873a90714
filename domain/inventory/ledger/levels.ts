// GET /v1/stock: what a location holds and what each channel may sell of it. `available` is the
// till's view unless `channel` says otherwise: online and delivery keep the safety stock back, or
// sell what their open flash-sale pool of the SKU still holds.
import type { Channel } from '../../shared/channels.ts';
import { withCursor } from '../../shared/pagination.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import type { EffectivePolicy, LevelState } from './ledger-plan.ts';
import { levelKey, readLevels, readPolicies, type LevelKey } from './level-reads.ts';
import { requireStockLocation } from '../request-checks.ts';
import type { StockQuery } from '../schemas.ts';
import { available, isLow } from './stock-levels.ts';
import type { StockService } from '../stock-service.ts';
import { pooledUnits } from '../shards/pool-reads.ts';
import type { z } from 'zod';
import type { StockLevelPage, StockLevelView } from '../schemas.ts';

type Deps = { service: StockService };

/**
 * `pooled`: what the channel's open flash-sale pool of the SKU still holds. While a pool is open the
 * channel's holds draw from its shards only, so that is what the channel may sell.
 */
export const stockView = (key: LevelKey, level: Pick<LevelState, 'onHand' | 'reserved'>, policy: EffectivePolicy, channel: Channel, pooled?: number): StockLevelView => ({
  locationId: key.locationId,
  skuId: key.skuId,
  onHand: level.onHand,
  reserved: level.reserved,
  available: pooled ?? available(level.onHand, level.reserved, channel, policy.safetyStock),
  channel,
  safetyStock: policy.safetyStock,
  lowThreshold: policy.lowThreshold,
  low: policy.lowThreshold !== null && isLow(level.onHand - level.reserved, policy.lowThreshold),
});

/** The named SKUs (zeros for one never stocked here), or every stocked SKU a page at a time. */
export const getStock = async (ctx: TenantContext, query: StockQuery, deps: Deps): Promise<z.output<typeof StockLevelPage>> => {
  const { locationId, channel } = query;
  await requireStockLocation(ctx, locationId, 'read', deps);
  const { tenantId } = ctx;
  let keys: LevelKey[];
  let levels: Map<string, Pick<LevelState, 'onHand' | 'reserved'>>;
  let nextCursor: string | null = null;
  if (query.skuIds) {
    keys = query.skuIds.map((skuId) => ({ locationId, skuId }));
    levels = await readLevels(deps.service, tenantId, keys);
  } else {
    const page = await withCursor(query.cursor, () => deps.service.entities.stockLevel.query.byLocation({ tenantId, locationId }).go({ limit: query.limit, cursor: query.cursor ?? null }));
    keys = page.data.map(({ skuId }) => ({ locationId, skuId }));
    levels = new Map(page.data.map((l) => [levelKey(l), { onHand: l.onHand ?? 0, reserved: l.reserved ?? 0 }]));
    nextCursor = page.cursor ?? null;
  }
  const skuIds = keys.map((k) => k.skuId);
  const [policies, pooled] = await Promise.all([readPolicies(deps.service, tenantId, keys), pooledUnits(deps.service, tenantId, locationId, channel, skuIds)]);
  return { data: keys.map((k) => stockView(k, levels.get(levelKey(k))!, policies.get(levelKey(k))!, channel, pooled.get(k.skuId))), nextCursor };
};

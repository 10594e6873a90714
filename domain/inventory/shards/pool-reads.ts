// Which SKUs of a hold are pooled, and what a pool's shards hold. A hold reads the markers of its
// SKUs (one BatchGet, eventually consistent: half a read unit each) on every call, except that an
// open pool found in the last second is taken from this container's memory: the hot SKU's marker
// is then read about once a second per container, not once per buyer. A stale "open" is harmless:
// a closed pool's shards refuse the draw, and the hold reads the marker again, consistently.
import type { Channel } from '../../shared/channels.ts';
import { batchGet } from '../../shared/batches.ts';
import type { StockService } from '../stock-service.ts';
import type { ShardUnits } from './shard-plan.ts';

export type PoolRef = { poolId: string; locationId: string; skuId: string; channel: Channel; shards: number };

const REMEMBER_MS = 1_000;
const remembered = new Map<string, { until: number; pool: PoolRef }>();

const keyOf = (tenantId: string, locationId: string, skuId: string, channel: Channel) => `${tenantId}/${locationId}/${skuId}/${channel}`;

/** Forget what this container remembers of a pool (its open or close went through here). */
export const forgetPool = (tenantId: string, p: { locationId: string; skuId: string; channel: Channel }): void => void remembered.delete(keyOf(tenantId, p.locationId, p.skuId, p.channel));

/** The open pools among `skuIds` at the location for the channel; `fresh` reads every marker consistently. */
export const openPools = async (service: StockService, tenantId: string, locationId: string, channel: Channel, skuIds: readonly string[], fresh = false): Promise<Map<string, PoolRef>> => {
  const now = Date.now();
  const found = new Map<string, PoolRef>();
  const unknown: string[] = [];
  for (const skuId of new Set(skuIds)) {
    const memo = fresh ? undefined : remembered.get(keyOf(tenantId, locationId, skuId, channel));
    if (memo && memo.until > now) found.set(skuId, memo.pool);
    else unknown.push(skuId);
  }
  if (!unknown.length) return found;
  const markers = await batchGet(
    unknown.map((skuId) => ({ tenantId, locationId, skuId, channel })),
    (pending) =>
      service.entities.stockPool.get(pending).go({ consistent: fresh, attributes: ['skuId', 'poolId', 'shards', 'status'] }) as Promise<{ data: { skuId: string; poolId: string; shards: number; status: string }[]; unprocessed: typeof pending }>,
  );
  for (const skuId of unknown) remembered.delete(keyOf(tenantId, locationId, skuId, channel));
  for (const m of markers) {
    if (m.status !== 'open') continue;
    const pool: PoolRef = { poolId: m.poolId, locationId, skuId: m.skuId, channel, shards: m.shards };
    found.set(m.skuId, pool);
    remembered.set(keyOf(tenantId, locationId, m.skuId, channel), { until: now + REMEMBER_MS, pool });
  }
  return found;
};

/** Every shard of each pool, read consistently (a buyer's second look, and the close's). */
export const readShards = async (service: StockService, tenantId: string, pools: readonly { poolId: string; shards: number }[]): Promise<Map<string, ShardUnits[]>> => {
  const keys = pools.flatMap((p) => Array.from({ length: p.shards }, (_, shard) => ({ tenantId, poolId: p.poolId, shard })));
  const items = await batchGet(
    keys,
    (pending) => service.entities.stockShard.get(pending).go({ consistent: true }) as Promise<{ data: { poolId: string; shard: number; units: number; status: string }[]; unprocessed: typeof pending }>,
  );
  const byPool = new Map<string, ShardUnits[]>(pools.map((p) => [p.poolId, []]));
  for (const s of items) byPool.get(s.poolId)?.push({ shard: s.shard, units: s.units, open: s.status === 'open' });
  for (const list of byPool.values()) list.sort((a, b) => a.shard - b.shard);
  return byPool;
};

/**
 * The units each SKU's open pool for `channel` still holds at `locationId` (SKUs without one are
 * absent). A pool's units count as reserved on the level; while it is open the channel's holds
 * draw from it alone, so these are what the channel may sell.
 */
export const pooledUnits = async (service: StockService, tenantId: string, locationId: string, channel: Channel, skuIds: readonly string[]): Promise<Map<string, number>> => {
  if (channel === 'pos' || skuIds.length === 0) return new Map();
  const pools = [...(await openPools(service, tenantId, locationId, channel, skuIds)).values()];
  if (pools.length === 0) return new Map();
  const shards = await readShards(service, tenantId, pools);
  // A pool remembered as open whose shards are all closed has been released: the level sells again.
  return new Map(
    pools.flatMap((p) => {
      const open = (shards.get(p.poolId) ?? []).filter((s) => s.open);
      return open.length ? [[p.skuId, open.reduce((n, s) => n + s.units, 0)] as const] : [];
    }),
  );
};

// Closing a flash-sale pool (`POST /v1/stock/shards:release`): what is left in its shards goes
// back to the level's free stock; holds drawn from it stay holds, and when they are released or
// expire their units go to the level too. In steps, each safe to repeat and to race with buyers:
// 1. the marker goes to `closing`, so holds that read it go to the level from now on;
// 2. each shard is closed (`status = open -> closed`, a single-item update that no buyer's draw
//    can make fail): from then on no draw takes from it and no returning hold gives to it, so its
//    units are frozen; 3. its units go back, in one posting: reserved - units on the level and the
//    shard emptied, on the condition that it still holds exactly those units;
// 4. the marker goes to `closed`, with the units returned, in one transaction with the audit entry.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { NotFoundError } from '../../shared/errors.ts';
import { retryOptimistically, RETRY } from '../../shared/optimistic-retry.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import { auditEntry } from '../../audit/audit.ts';
import { StockBusyError } from '../errors.ts';
import { postStock } from '../ledger/ledger.ts';
import { requireStockLocation } from '../request-checks.ts';
import { forgetPool } from './pool-reads.ts';
import type { PoolKey, PoolView } from './pool-schemas.ts';
import { readMarker, viewOf, type PoolDeps } from './pools.ts';
import type { StockPoolItem } from './stock-pool-entity.ts';

const MAX_ATTEMPTS = 8;

const failedWith = (error: unknown, name: string): boolean => {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (e.name === name || (name === 'ConditionalCheckFailedException' && e instanceof ConditionalCheckFailedException)) return true;
  return false;
};
const isConditionFailure = (error: unknown): boolean => failedWith(error, 'ConditionalCheckFailedException');

/** Steps 2 and 3 for one shard; returns the units it gave back (0 if an earlier close did). */
const closeShard = async (tenantId: string, pool: StockPoolItem, shard: number, actorId: string, deps: PoolDeps): Promise<number> => {
  const key = { tenantId, poolId: pool.poolId, shard };
  const shards = deps.service.entities.stockShard;
  await shards
    .patch(key)
    .set({ status: 'closed' })
    .go()
    .catch((error: unknown) => {
      // A buyer's transaction on the shard was in flight: try again shortly.
      if (failedWith(error, 'TransactionConflictException')) throw new StockBusyError();
      if (!isConditionFailure(error)) throw error;
    });
  const { data } = await shards.get(key).go({ consistent: true });
  if (!data || data.units === 0) return data?.returned ?? 0;
  const units = data.units;
  await postStock(
    {
      tenantId,
      postingId: `${pool.poolId}:close:${shard}`,
      actorId,
      changes: [{ locationId: pool.locationId, skuId: pool.skuId, reserved: -units, guard: 'none' }],
      extra: (e) => [
        e.stockShard
          .patch(key)
          .set({ units: 0, returned: units })
          .where((a, { eq }) => `${eq(a.status, 'closed')} AND ${eq(a.units, units)}`)
          .commit(),
      ],
      // Nothing but a close changes a closed shard: another close emptied it first.
      refused: () => new StockBusyError(),
    },
    deps,
  );
  return units;
};

/** `POST /v1/stock/shards:release`: the caller may change stock at the location. */
export const closePool = async (ctx: TenantContext, request: PoolKey, deps: PoolDeps): Promise<PoolView> => {
  await requireStockLocation(ctx, request.locationId, 'write', deps);
  return releasePool(ctx, request, deps);
};

/** Closes the pool of (location, SKU, channel), audited as `ctx`'s; closing a closed pool again answers with it. */
export const releasePool = async (ctx: TenantContext, request: PoolKey, deps: PoolDeps): Promise<PoolView> => {
  const { tenantId } = ctx;
  const marker = await readMarker(tenantId, request, deps);
  if (!marker) throw new NotFoundError('pool');
  if (marker.status === 'closed') return viewOf(tenantId, marker, deps);
  const pools = deps.service.entities.stockPool;
  if (marker.status === 'open')
    await pools
      .patch({ tenantId, ...request })
      .set({ status: 'closing' })
      .where((a, { eq }) => `${eq(a.status, 'open')} AND ${eq(a.poolId, marker.poolId)}`)
      .go()
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  forgetPool(tenantId, request);
  const returned: number[] = [];
  for (let shard = 0; shard < marker.shards; shard++)
    returned.push(await retryOptimistically(MAX_ATTEMPTS, () => new StockBusyError(), () => closeShard(tenantId, marker, shard, ctx.userId, deps).catch((e: unknown) => (e instanceof StockBusyError ? RETRY : Promise.reject(e)))));
  const at = deps.clock.now();
  const closed = { status: 'closed' as const, closedAt: at.toISOString(), closedBy: ctx.userId, returned: returned.reduce((n, u) => n + u, 0) };
  const { canceled } = await deps.service.transaction
    .write((e) => [
      e.stockPool
        .patch({ tenantId, ...request })
        .set(closed)
        .where((a, { eq }) => `${eq(a.status, 'closing')} AND ${eq(a.poolId, marker.poolId)}`)
        .commit(),
      e.auditEntry.create(auditEntry(ctx, { action: 'stock.pool.released', targetType: 'stockPool', targetId: marker.poolId, before: { status: marker.status }, after: closed }, at)).commit(),
    ])
    .go();
  const now = await readMarker(tenantId, request, deps);
  // Canceled: a concurrent close finished first; answer with what it recorded.
  if (canceled && now?.status !== 'closed') throw new StockBusyError();
  return viewOf(tenantId, now!, deps);
};

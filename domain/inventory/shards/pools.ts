// Flash-sale pools as HQ opens and lists them. Opening one is one posting on the ledger: `units`
// of the level's free stock (the channel's safety stock kept back) move into `reserved`, and the
// pool's marker and its shard items are created in the same transaction, so the level balances at
// every moment (reserved = active holds + units in shards) and stock:verify says so. Closing is
// in pool-close.ts. Only one pool of a SKU is open per location and channel.
import type { Clock } from '../../shared/clock.ts';
import { DomainError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { withCursor } from '../../shared/pagination.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import { auditEntry } from '../../audit/audit.ts';
import { postStock } from '../ledger/ledger.ts';
import { requireStockLocation } from '../request-checks.ts';
import type { StockService } from '../stock-service.ts';
import { forgetPool, readShards } from './pool-reads.ts';
import type { NewPool, PoolKey, PoolPage, PoolQuery, PoolView } from './pool-schemas.ts';
import { splitUnits, type ShardUnits } from './shard-plan.ts';
import type { StockPoolItem } from './stock-pool-entity.ts';

export type PoolDeps = { service: StockService; clock: Clock };

export class PoolOpenError extends DomainError {
  constructor(poolId?: string) {
    super('invalid_state', 'A flash-sale pool of this SKU is open for this channel at this location; release it first', { details: poolId ? [{ poolId }] : [] });
  }
}

export const poolView = (m: StockPoolItem, shards: readonly ShardUnits[]): PoolView => ({
  id: m.poolId,
  locationId: m.locationId,
  skuId: m.skuId,
  channel: m.channel as PoolView['channel'],
  status: m.status,
  units: m.units,
  remaining: shards.reduce((n, s) => n + (s.open ? s.units : 0), 0),
  returned: m.returned ?? null,
  shards: shards.map((s) => ({ shard: s.shard, units: s.units, status: s.open ? 'open' : 'closed' })),
  openedAt: m.openedAt,
  closedAt: m.closedAt ?? null,
});

export const requireSku = async (ctx: TenantContext, skuId: string, { service }: Pick<PoolDeps, 'service'>): Promise<void> => {
  const { data } = await service.entities.sku.get({ tenantId: ctx.tenantId, skuId }).go({ attributes: ['skuId'] });
  if (!data) throw new ValidationError([{ path: 'body.skuId', message: 'No such SKU in this chain' }]);
};

export const readMarker = async (tenantId: string, key: PoolKey, { service }: Pick<PoolDeps, 'service'>): Promise<StockPoolItem | null> =>
  (await service.entities.stockPool.get({ tenantId, ...key }).go({ consistent: true })).data;

export const viewOf = async (tenantId: string, marker: StockPoolItem, deps: Pick<PoolDeps, 'service'>): Promise<PoolView> =>
  poolView(marker, (await readShards(deps.service, tenantId, [marker])).get(marker.poolId) ?? []);

/** `PUT /v1/stock/shards`: the caller may change stock at the location, and the SKU is the chain's. */
export const openPool = async (ctx: TenantContext, request: NewPool, deps: PoolDeps, poolId: string): Promise<PoolView> => {
  await requireStockLocation(ctx, request.locationId, 'write', deps);
  await requireSku(ctx, request.skuId, deps);
  return allocatePool(ctx, request, deps, poolId);
};

/**
 * Opens a pool as `poolId` (a posting id), audited as `ctx`'s; a retry under the same id answers
 * with the pool it opened. Nothing here checks what the ids name: openPool does, for requests.
 */
export const allocatePool = async (ctx: TenantContext, request: NewPool, deps: PoolDeps, poolId: string): Promise<PoolView> => {
  const { tenantId } = ctx;
  const { locationId, skuId, channel } = request;
  const existing = await readMarker(tenantId, request, deps);
  if (existing && existing.poolId === poolId) return viewOf(tenantId, existing, deps);
  if (existing && existing.status !== 'closed') throw new PoolOpenError(existing.poolId);
  const at = deps.clock.now();
  const marker: StockPoolItem = { tenantId, locationId, skuId, channel, poolId, units: request.units, shards: request.shards, status: 'open', openedAt: at.toISOString(), openedBy: ctx.userId };
  const shards = splitUnits(request.units, request.shards).map((units, shard) => ({ shard, units, open: true }));
  const view = poolView(marker, shards);
  const posted = await postStock(
    {
      tenantId,
      postingId: poolId,
      channel,
      actorId: ctx.userId,
      changes: [{ locationId, skuId, reserved: request.units, guard: 'available' }],
      extra: (e) => [
        e.stockPool
          .put(marker)
          .where((a, { notExists, eq }) => `(${notExists(a.poolId)} OR ${eq(a.status, 'closed')})`)
          .commit(),
        ...shards.map((s) => e.stockShard.create({ tenantId, poolId, shard: s.shard, locationId, skuId, units: s.units, status: 'open' }).commit()),
        e.auditEntry.create(auditEntry(ctx, { action: 'stock.pool.opened', targetType: 'stockPool', targetId: poolId, after: view }, at)).commit(),
      ],
      refused: (codes) => (codes[0] === 'ConditionalCheckFailed' ? new PoolOpenError() : undefined),
    },
    deps,
  );
  forgetPool(tenantId, request);
  if (!posted.replayed) return view;
  const first = await readMarker(tenantId, request, deps);
  if (!first) throw new NotFoundError('pool');
  return viewOf(tenantId, first, deps);
};

/** A location's pools, of one SKU if the query names it, each with its shards as they stand. */
export const listPools = async (ctx: TenantContext, query: PoolQuery, deps: Pick<PoolDeps, 'service'>): Promise<PoolPage> => {
  const { tenantId } = ctx;
  await requireStockLocation(ctx, query.locationId, 'read', deps);
  const found = await withCursor(query.cursor, () =>
    deps.service.entities.stockPool.query.byLocation({ tenantId, locationId: query.locationId, ...(query.skuId ? { skuId: query.skuId } : {}) }).go({ limit: query.limit, cursor: query.cursor ?? null }),
  );
  const shards = await readShards(deps.service, tenantId, found.data);
  return { data: found.data.map((m) => poolView(m, shards.get(m.poolId) ?? [])), nextCursor: found.cursor ?? null };
};

// Holds of pooled SKUs. placeReservation hands its lines here: lines of a SKU with an open pool
// (for the hold's location and channel) are drawn from the pool's shards, the others go to their
// levels as before, all in the one posting the reservation makes. A buyer tries one random shard
// (`units >= q AND status = open` on that shard item alone); when it is short, the buyer reads the
// pool's shards and moves on to a random shard that has the whole line, or takes the line from
// several shards in one transaction, or is refused (409 insufficient_stock) when the open shards
// hold fewer units between them. A transaction that lost to another on its shard (a conflict:
// the ledger tries again) tries another random shard. An ended hold gives its units back to the
// shards it drew from, or to the level once the pool's close has emptied a shard (pool-close.ts).
import type { Channel } from '../../shared/channels.ts';
import type { Clock } from '../../shared/clock.ts';
import { InsufficientStockError, StockBusyError, type Shortfall } from '../errors.ts';
import type { PostingResult, TxEntities } from '../ledger/ledger.ts';
import type { StockService } from '../stock-service.ts';
import { openPools, readShards, type PoolRef } from './pool-reads.ts';
import { firstShard, otherShard, planLine, shardKey, type Draw } from './shard-plan.ts';

type Deps = { service: StockService; clock: Clock };
type Line = { skuId: string; quantity: number };
export type Hold = { locationId: string; channel: Channel; lines: readonly Line[] };
/**
 * One try at the hold's posting: the level lines through the ledger, the draws as shard items.
 * `draws()` is called for each transaction the ledger sends (it sends another after a conflict)
 * and answers the draws to write in it.
 */
export type HoldAttempt = (levelLines: readonly Line[], draws: () => readonly Draw[]) => Promise<PostingResult>;

const CONDITION_FAILED = 'ConditionalCheckFailed';
/** Tries of one hold: a first shard, then draws planned from reads, before StockBusyError. */
const MAX_TRIES = 8;
/** A container that saw a pool empty refuses its buyers for this long without a read or a write. */
const EMPTY_MS = 250;
const emptyUntil = new Map<string, number>();

/** Some draws found their shard short (or closed): the hold is planned again from a read. */
export class ShardsShortError extends Error {
  constructor(readonly draws: readonly Draw[]) {
    super(`Shards short: ${draws.map(shardKey).join(', ')}`);
    this.name = 'ShardsShortError';
  }
}

/** Some units going back found their shard closed: they go to the level instead. */
export class ShardsClosedError extends Error {
  constructor(readonly draws: readonly Draw[]) {
    super(`Shards closed: ${draws.map(shardKey).join(', ')}`);
    this.name = 'ShardsClosedError';
  }
}

/** Every shard of a pool the hold took for open is closed: its marker was stale. */
class PoolClosedError extends Error {}

const shardItem = (tenantId: string, d: Draw) => ({ tenantId, poolId: d.poolId, shard: d.shard });

/** The transaction item of a draw: taken only from an open shard that has the units. */
export const shardTake = (e: TxEntities, tenantId: string, d: Draw) =>
  e.stockShard
    .update(shardItem(tenantId, d))
    .add({ units: -d.quantity })
    .where((a, { gte, eq }) => `${gte(a.units, d.quantity)} AND ${eq(a.status, 'open')}`)
    .commit();

/** The transaction item of units going back to the shard they came from, while it is open. */
export const shardGive = (e: TxEntities, tenantId: string, d: Draw) =>
  e.stockShard
    .update(shardItem(tenantId, d))
    .add({ units: d.quantity })
    .where((a, { eq }) => eq(a.status, 'open'))
    .commit();

/** The draws whose items (at `offset` in the transaction's codes) failed their condition. */
export const failedDraws = (codes: readonly string[], offset: number, draws: readonly Draw[]): Draw[] => draws.filter((_, i) => codes[offset + i] === CONDITION_FAILED);

/** Units went back to these pools here: a buyer in this container may find them at once. */
export const noteReturned = (draws: readonly Draw[]): void => draws.forEach((d) => emptyUntil.delete(d.poolId));

const shortOf = (hold: Hold, line: Line, available: number): Shortfall => ({ skuId: line.skuId, locationId: hold.locationId, requested: line.quantity, available });

/** A level line was short: name the pooled lines that are short too, from a read of their shards. */
const withPooled = async (error: InsufficientStockError, tenantId: string, hold: Hold, pooled: readonly Line[], pools: Map<string, PoolRef>, deps: Deps): Promise<Error> => {
  const read = await readShards(deps.service, tenantId, pooled.map((l) => pools.get(l.skuId)!));
  const more = pooled.flatMap((l) => {
    const plan = planLine(read.get(pools.get(l.skuId)!.poolId) ?? [], l.quantity);
    return plan.ok ? [] : [shortOf(hold, l, plan.available)];
  });
  return more.length ? new InsufficientStockError([...((error.details ?? []) as Shortfall[]), ...more]) : error;
};

const drawFrom = async (tenantId: string, hold: Hold, pools: Map<string, PoolRef>, fresh: boolean, deps: Deps, attempt: HoldAttempt): Promise<{ posted: PostingResult; draws: Draw[] }> => {
  const levelLines = hold.lines.filter((l) => !pools.has(l.skuId));
  const pooled = hold.lines.filter((l) => pools.has(l.skuId));
  const now = Date.now();
  const empty = pooled.filter((l) => (emptyUntil.get(pools.get(l.skuId)!.poolId) ?? 0) > now);
  if (empty.length) throw new InsufficientStockError(empty.map((l) => shortOf(hold, l, 0)));
  let draws: Draw[] = pooled.map((l) => {
    const pool = pools.get(l.skuId)!;
    return { skuId: l.skuId, poolId: pool.poolId, shard: firstShard(pool.shards), quantity: l.quantity };
  });
  // Lines still on their first, random shard: after a conflict they try another one at random.
  const unplanned = new Set(pooled.map((l) => l.skuId));
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    let sent = 0;
    const pick = () => {
      if (sent++ > 0) draws = draws.map((d) => (unplanned.has(d.skuId) ? { ...d, shard: otherShard(d.shard, pools.get(d.skuId)!.shards) } : d));
      return draws;
    };
    try {
      return { posted: await attempt(levelLines, pick), draws };
    } catch (error) {
      if (error instanceof InsufficientStockError) throw await withPooled(error, tenantId, hold, pooled, pools, deps);
      if (!(error instanceof ShardsShortError)) throw error;
      const short = new Set(error.draws.map((d) => d.skuId));
      const lines = pooled.filter((l) => short.has(l.skuId));
      const read = await readShards(deps.service, tenantId, lines.map((l) => pools.get(l.skuId)!));
      const shortfalls: Shortfall[] = [];
      const redrawn: Draw[] = [];
      for (const l of lines) {
        const pool = pools.get(l.skuId)!;
        const plan = planLine(read.get(pool.poolId) ?? [], l.quantity);
        if (plan.ok) redrawn.push(...plan.takes.map((t) => ({ skuId: l.skuId, poolId: pool.poolId, shard: t.shard, quantity: t.quantity })));
        else if (plan.closed && !fresh) throw new PoolClosedError();
        else {
          if (plan.available === 0) emptyUntil.set(pool.poolId, Date.now() + EMPTY_MS);
          shortfalls.push(shortOf(hold, l, plan.available));
        }
      }
      if (shortfalls.length) throw new InsufficientStockError(shortfalls);
      draws = [...draws.filter((d) => !short.has(d.skuId)), ...redrawn];
      for (const skuId of short) unplanned.delete(skuId);
    }
  }
  throw new StockBusyError();
};

/**
 * Places a hold through `attempt`, drawing its pooled lines from their shards (the rest from
 * their levels); returns the posting and the draws the reservation must record.
 */
export const holdThroughPools = async (tenantId: string, hold: Hold, deps: Deps, attempt: HoldAttempt): Promise<{ posted: PostingResult; draws: Draw[] }> => {
  for (let fresh = false; ; fresh = true) {
    const pools = await openPools(deps.service, tenantId, hold.locationId, hold.channel, hold.lines.map((l) => l.skuId), fresh);
    if (pools.size === 0) return { posted: await attempt(hold.lines, () => []), draws: [] };
    try {
      return await drawFrom(tenantId, hold, pools, fresh, deps, attempt);
    } catch (error) {
      // A pool remembered as open has closed since: read the markers again, consistently.
      if (!(error instanceof PoolClosedError)) throw error;
    }
  }
};

/**
 * Ends a hold through `attempt`, told which of its shards are known to be closed (their units go
 * to the level); a shard found closed on the way is added and the end is tried again.
 */
export const returnThroughPools = async <T>(draws: readonly Draw[], attempt: (closed: ReadonlySet<string>) => Promise<T>): Promise<T> => {
  const closed = new Set<string>();
  for (let tries = 0; tries <= draws.length; tries++) {
    try {
      return await attempt(closed);
    } catch (error) {
      if (!(error instanceof ShardsClosedError)) throw error;
      for (const d of error.draws) closed.add(shardKey(d));
    }
  }
  throw new StockBusyError();
};

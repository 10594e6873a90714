// A flash sale of one SKU at one location, in one run against DynamoDB Local: BUYERS concurrent
// holds of 1 unit for UNITS units, first on the level item alone (the path every hold takes
// without a pool), then through a flash-sale pool of k = 1, 2, 4, 8, 16 shards. For each: holds
// placed per second, the transactions a placed hold took (a shard found short and the buyer moved
// on, a write conflict retried), reads of the shards, and the oversell check: exactly UNITS holds,
// no shard below 0, the level balancing as stock:verify recomputes it.
//
// DynamoDB Local has no partitions and serves one request at a time, so its throughput does not
// grow with k; what grows is DynamoDB's: one partition key takes at most 1,000 WCU/s, so a hold
// path whose every hold writes the same item is capped at 1,000 / (that item's WCU per hold), and
// a pool of k shards at k times that. The WCU are computed from the items each hold's transaction
// wrote (bench/write-units.ts), as in bench/stock.ts. The table's own ceiling (40,000 WCU/s by
// default on demand, raised on request) divided by the whole hold's WCU is given beside it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { GetItemCommand, type AttributeValue, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { LocalCloud } from '../local/cloud.ts';
import { summarise, writeResult } from './measure.ts';
import { bareClient, countedScope, useLocalEngine } from './local-engine.ts';
import { transactionalWriteUnits } from './write-units.ts';

const UNITS = 240;
const BUYERS = 360;
const IN_FLIGHT = 48;
const SHARD_COUNTS = [1, 2, 4, 8, 16];
const PARTITION_WCU = 1_000;
const TABLE_WCU = 40_000;
const GSI_KEYS = ['gsi1pk'];

type Session = { token: string; tenantId: string; userId: string };
/** One buyer's calls: its transactions, how many a shard (or the level) refused, its conflicts and its reads of the shards. */
type Buyer = { transactions: number; refused: number; conflicts: number; shardReads: number };
const buyerCalls = new AsyncLocalStorage<Buyer>();
const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : 0);

export const runStockShardsBench = async (cloud: LocalCloud, session: Session) => {
  useLocalEngine(cloud);
  const { postStock } = await import('../domain/inventory/ledger/ledger.ts');
  const { placeReservation } = await import('../domain/inventory/reservations/reservation-ledger.ts');
  const { allocatePool } = await import('../domain/inventory/shards/pools.ts');
  const { createStockService } = await import('../domain/inventory/stock-service.ts');
  const { newId } = await import('../domain/shared/ids.ts');
  const { systemClock } = await import('../domain/shared/clock.ts');
  const { forEachConcurrent } = await import('../domain/shared/concurrency.ts');

  // Each buyer's calls counted (its transactions, their cancellation reasons, its reads of the
  // shards); the last committed transaction kept, to price a hold.
  const { scope, calls, destroy } = countedScope(cloud);
  let lastCommitted: TransactWriteItem[] = [];
  const stack = (scope.client as unknown as { middlewareStack: { add: (...a: unknown[]) => void } }).middlewareStack;
  stack.add(
    (next: (a: { input: Record<string, unknown> }) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
      const buyer = buyerCalls.getStore();
      if (buyer && String(context.commandName).startsWith('BatchGet') && JSON.stringify(args.input).includes('#stockShard#')) buyer.shardReads++;
      if (!String(context.commandName).startsWith('TransactWrite')) return next(args);
      if (buyer) buyer.transactions++;
      try {
        const result = await next(args);
        lastCommitted = args.input.TransactItems as TransactWriteItem[];
        return result;
      } catch (error) {
        const codes = ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code);
        if (buyer && codes.includes('ConditionalCheckFailed')) buyer.refused++;
        if (buyer && codes.includes('TransactionConflict')) buyer.conflicts++;
        throw error;
      }
    },
    { step: 'initialize', priority: 'low' },
  );
  const service = createStockService(scope);
  const deps = { service, clock: systemClock };
  const { tenantId } = session;
  const ctx = { tenantId, userId: session.userId, role: 'hq_admin' as const, storeIds: [] };
  const bare = bareClient(cloud);

  /** WCU of the last committed transaction, per item, computed from the items as they stand after it. */
  const unitsOfLast = async () => {
    const items: { pk: string; wcu: number }[] = [];
    for (const t of lastCommitted) {
      const put = t.Put?.Item as Record<string, unknown> | undefined;
      const key = t.Update?.Key as Record<string, unknown> | undefined;
      const written: Record<string, AttributeValue> | undefined = put
        ? marshall(put, { removeUndefinedValues: true })
        : key
          ? (await bare.send(new GetItemCommand({ TableName: t.Update!.TableName, Key: marshall(key), ConsistentRead: true }))).Item
          : undefined;
      if (!written) continue;
      const cost = transactionalWriteUnits(written, t.Put ? GSI_KEYS : []);
      items.push({ pk: String(written.pk?.S), wcu: cost.table + cost.indexes });
    }
    const hot = items.filter((i) => /#stock#|#stockShard#/.test(i.pk));
    return { items: items.length, totalWcu: items.reduce((n, i) => n + i.wcu, 0), hotItemWcu: hot.reduce((n, i) => n + i.wcu, 0) };
  };

  const run = async (shards: number | null) => {
    const store = newId('store');
    const skuId = newId('sku');
    await postStock({ tenantId, postingId: newId('posting'), changes: [{ locationId: store, skuId, movement: { type: 'receipt', quantity: UNITS }, guard: 'none' }] }, deps);
    const pool = shards ? await allocatePool(ctx, { locationId: store, skuId, channel: 'online', units: UNITS, shards }, deps, newId('posting')) : undefined;
    calls.length = 0;
    const latencies: number[] = [];
    const refused: Record<string, number> = {};
    const placedBuyers: Buyer[] = [];
    const refusedBuyers: Buyer[] = [];
    let lastPlacedAt = 0;
    const start = performance.now();
    await forEachConcurrent(Array.from({ length: BUYERS }, (_, i) => i), IN_FLIGHT, async () => {
      const buyer: Buyer = { transactions: 0, refused: 0, conflicts: 0, shardReads: 0 };
      const t0 = performance.now();
      try {
        await buyerCalls.run(buyer, () =>
          placeReservation(tenantId, { reservationId: newId('reservation'), locationId: store, channel: 'online', lines: [{ skuId, quantity: 1 }], expiresAt: new Date(Date.now() + 900_000) }, deps),
        );
        placedBuyers.push(buyer);
        lastPlacedAt = performance.now();
        latencies.push(lastPlacedAt - t0);
      } catch (error) {
        refusedBuyers.push(buyer);
        const code = (error as { code?: string }).code ?? (error as Error).name;
        refused[code] = (refused[code] ?? 0) + 1;
      }
    });
    const elapsedMs = performance.now() - start;
    const placed = placedBuyers.length;
    const dynamoCallsPerBuyer = Math.round((calls.length / BUYERS) * 100) / 100;

    // Oversell check: the holds, the shards and the level, as stock:verify would recompute them.
    const level = (await service.entities.stockLevel.get({ tenantId, locationId: store, skuId }).go({ consistent: true })).data!;
    const shardItems = pool ? (await service.entities.stockShard.get(pool.shards.map((s) => ({ tenantId, poolId: pool.id, shard: s.shard }))).go({ consistent: true })).data : [];
    const left = shardItems.reduce((n, s) => n + s.units, 0);
    const levelBalances = level.onHand === UNITS && level.reserved === placed + left && level.free === level.onHand - level.reserved;

    // The cost of one hold, on a level (or a pool) with a unit to spare.
    const spare = newId('store');
    await postStock({ tenantId, postingId: newId('posting'), changes: [{ locationId: spare, skuId, movement: { type: 'receipt', quantity: 1 }, guard: 'none' }] }, deps);
    if (pool) await allocatePool(ctx, { locationId: spare, skuId, channel: 'online', units: 1, shards: 1 }, deps, newId('posting'));
    await placeReservation(tenantId, { reservationId: newId('reservation'), locationId: spare, channel: 'online', lines: [{ skuId, quantity: 1 }], expiresAt: new Date(Date.now() + 900_000) }, deps);
    const wcu = await unitsOfLast();
    const theoretical = Math.floor(((shards ?? 1) * PARTITION_WCU) / wcu.hotItemWcu);
    return {
      path: shards ? `pool of ${shards} shard${shards > 1 ? 's' : ''}` : 'level item (no pool)',
      shards: shards ?? 0,
      placed,
      refused,
      oversold: placed - UNITS,
      lowestShard: shardItems.length ? Math.min(...shardItems.map((s) => s.units)) : null,
      levelBalances,
      level: { onHand: level.onHand, reserved: level.reserved, free: level.free },
      elapsedMs: Math.round(elapsedMs),
      placedPerSecond: Math.round((placed / (lastPlacedAt - start)) * 1000),
      holdLatency: summarise(latencies),
      // A placed hold's transactions beyond its first: a shard found short (it moved on) or a conflict retried.
      perPlacedHold: {
        transactions: mean(placedBuyers.map((b) => b.transactions)),
        movedOn: placedBuyers.filter((b) => b.refused > 0).length,
        conflictsRetried: placedBuyers.reduce((n, b) => n + b.conflicts, 0),
        shardReads: mean(placedBuyers.map((b) => b.shardReads)),
      },
      // A refused buyer: the transactions a shard refused before it read the pool empty (or found it so here, within 250 ms).
      perRefusedBuyer: { transactions: mean(refusedBuyers.map((b) => b.transactions)), shardReads: mean(refusedBuyers.map((b) => b.shardReads)) },
      dynamoCallsPerBuyer,
      writeUnitsPerHold: wcu,
      theoreticalHoldsPerSecond: { hotPartitions: theoretical, tableCeiling: Math.floor(TABLE_WCU / wcu.totalWcu), note: `${shards ?? 1} x ${PARTITION_WCU} WCU/s / ${wcu.hotItemWcu} WCU on the hot item per hold` },
    };
  };

  const runs = [await run(null)];
  for (const k of SHARD_COUNTS) runs.push(await run(k));
  bare.destroy();
  destroy();

  const result = {
    description: `${BUYERS} concurrent 1-unit holds (${IN_FLIGHT} in flight) for ${UNITS} units of one SKU at one location: on its level item, then through flash-sale pools of ${SHARD_COUNTS.join(', ')} shards`,
    units: UNITS,
    buyers: BUYERS,
    inFlight: IN_FLIGHT,
    neverOversold: runs.every((r) => r.placed === UNITS && r.oversold === 0 && (r.lowestShard ?? 0) >= 0 && r.levelBalances),
    runs,
  };
  writeResult('stock-shards', result);
  return result;
};

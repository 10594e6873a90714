// Flash-sale pools against DynamoDB Local: a SKU's units split across shard items, holds drawn
// from a random shard and moving on when it is short, exactly as many holds as pooled units
// (60 buyers for 20 units in 4 shards in `npm test`, 600 for 200 in 8 in the soak), released and
// expired holds back in their shards, the close giving the rest back to the level, the levels
// balancing as stock:verify recomputes them, and an online order through the API on a pooled SKU.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { call, cloud, newTenant } from '../support/api.ts';
import { ok, payCash, placeOrder } from '../support/orders.ts';
import { manualClock, stockKit, type StockKit } from '../support/stock.ts';
import { runs } from '../support/soak.ts';
import type * as Ledger from '../../domain/inventory/ledger/ledger.ts';
import type * as Reservations from '../../domain/inventory/reservations/reservation-ledger.ts';
import type * as Expiry from '../../domain/inventory/reservations/reservation-expiry.ts';
import type * as Pools from '../../domain/inventory/shards/pools.ts';
import type * as PoolClose from '../../domain/inventory/shards/pool-close.ts';
import type * as Audit from '../../domain/inventory/ledger/stock-audit.ts';
import type { TenantContext } from '../../domain/shared/tenancy.ts';

let kit: StockKit;
let ledger: typeof Ledger;
let reservations: typeof Reservations;
let expiry: typeof Expiry;
let pools: typeof Pools;
let close: typeof PoolClose;
let audit: typeof Audit;
const clock = manualClock();
const MINUTE = 60_000;
const POOLED = runs(20, 200);
const SHARDS = runs(4, 8);
const BUYERS = 3 * POOLED;

beforeAll(async () => {
  kit = await stockKit(clock);
  [ledger, reservations, expiry, pools, close, audit] = await Promise.all([
    import('../../domain/inventory/ledger/ledger.ts'),
    import('../../domain/inventory/reservations/reservation-ledger.ts'),
    import('../../domain/inventory/reservations/reservation-expiry.ts'),
    import('../../domain/inventory/shards/pools.ts'),
    import('../../domain/inventory/shards/pool-close.ts'),
    import('../../domain/inventory/ledger/stock-audit.ts'),
  ]);
});

afterEach(() => void vi.restoreAllMocks());

/** A fresh tenant and store with `stock` units of each of `skus` fresh SKUs, and HQ's context there. */
const stocked = async (stock: number, skus = 1) => {
  const [tenantId, store] = [kit.fresh.tenant(), kit.fresh.store()];
  const skuIds = Array.from({ length: skus }, () => kit.fresh.sku());
  await ledger.postStock({ tenantId, postingId: kit.newId('posting'), changes: skuIds.map((skuId) => ({ locationId: store, skuId, movement: { type: 'receipt', quantity: stock }, guard: 'none' })) }, kit.deps);
  const hq: TenantContext = { tenantId, userId: kit.newId('user'), role: 'hq_admin', storeIds: [] };
  return { tenantId, store, skuIds, hq };
};

const open = (hq: TenantContext, locationId: string, skuId: string, units: number, shards: number) =>
  pools.allocatePool(hq, { locationId, skuId, channel: 'online', units, shards }, kit.deps, kit.newId('posting'));

const hold = (tenantId: string, locationId: string, lines: { skuId: string; quantity: number }[], extra: Partial<Reservations.NewReservation> = {}) =>
  reservations.placeReservation(tenantId, { reservationId: kit.newId('reservation'), locationId, channel: 'online', lines, expiresAt: new Date(clock.now().getTime() + 15 * MINUTE), ...extra }, kit.deps);

const shardUnits = async (tenantId: string, poolId: string, shards: number) => {
  const { data } = await kit.service.entities.stockShard.get(Array.from({ length: shards }, (_, shard) => ({ tenantId, poolId, shard }))).go({ consistent: true });
  return data.sort((a, b) => a.shard - b.shard).map((s) => s.units);
};

/** What `npm run stock:verify` would report for the tenant: the same scan filter, the same recomputation. */
const verify = async (tenantId: string) => {
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const dynamo = new DynamoDBClient({ endpoint: cloud().endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const names = { '#e': '__edb_e__', '#t': 'tenantId' };
  const values: Record<string, AttributeValue> = { ':t': { S: tenantId }, ...Object.fromEntries(audit.AUDITED_ENTITIES.map((e, i) => [`:e${i}`, { S: e }])) };
  const items: Audit.ScannedItem[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: cloud().tables.main, ConsistentRead: true, FilterExpression: `#t = :t AND #e IN (${audit.AUDITED_ENTITIES.map((_, i) => `:e${i}`).join(', ')})`, ExpressionAttributeNames: names, ExpressionAttributeValues: values, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []).map((i) => unmarshall(i) as Audit.ScannedItem));
    start = page.LastEvaluatedKey;
  } while (start);
  dynamo.destroy();
  const recomputed = audit.recompute(items);
  return { recomputed, differences: [...audit.differences(recomputed).values()].map(audit.describeDifference) };
};

describe('flash-sale pools', () => {
  it(`let exactly ${POOLED} of ${BUYERS} concurrent holds take ${POOLED} units pooled in ${SHARDS} shards`, async () => {
    const { tenantId, store, skuIds: [a], hq } = await stocked(POOLED + 10);
    const pool = await open(hq, store, a!, POOLED, SHARDS);
    expect(pool).toMatchObject({ status: 'open', units: POOLED, remaining: POOLED, shards: expect.arrayContaining([{ shard: 0, units: Math.ceil(POOLED / SHARDS), status: 'open' }]) });
    // The pool's units are reserved on the level from the moment it opens.
    expect(await kit.level(tenantId, store, a!)).toMatchObject({ onHand: POOLED + 10, reserved: POOLED, free: 10 });

    const outcomes = await Promise.allSettled(Array.from({ length: BUYERS }, () => hold(tenantId, store, [{ skuId: a!, quantity: 1 }])));
    const held = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(held).toHaveLength(POOLED);
    expect(refusals.map((e) => e.code)).toEqual(Array(BUYERS - POOLED).fill('insufficient_stock'));
    expect(refusals[0].details).toEqual([{ skuId: a, locationId: store, requested: 1, available: 0 }]);
    expect(held.every((r) => r.shards?.length === 1 && r.shards[0]!.quantity === 1)).toBe(true);
    // Every shard was drawn to zero and none below.
    expect(await shardUnits(tenantId, pool.id, SHARDS)).toEqual(Array(SHARDS).fill(0));
    const perShard = held.reduce((m, r) => m.set(r.shards![0]!.shard, (m.get(r.shards![0]!.shard) ?? 0) + 1), new Map<number, number>());
    expect([...perShard].sort(([x], [y]) => x - y).map(([, n]) => n)).toEqual(pool.shards.map((s) => s.units));
    // The level was not written by a hold: what is free is still free, for the till and for delivery.
    expect(await kit.level(tenantId, store, a!)).toMatchObject({ onHand: POOLED + 10, reserved: POOLED, free: 10 });
    await hold(tenantId, store, [{ skuId: a!, quantity: 10 }], { channel: 'delivery' });
    const { differences, recomputed } = await verify(tenantId);
    expect(differences).toEqual([]);
    expect([...recomputed.values()]).toEqual([expect.objectContaining({ ledger: POOLED + 10, held: POOLED + 10, pooled: 0, level: { onHand: POOLED + 10, reserved: POOLED + 10, free: 0 } })]);
  }, 120_000);

  it('move a hold on from a short shard, take a large line from several shards, and refuse what the shards lack', async () => {
    const { tenantId, store, skuIds: [a, b], hq } = await stocked(10, 2);
    const pool = await open(hq, store, a!, 3, 3);
    // Every buyer tries shard 0 first (and, moving on, the first shard that has the line).
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const drawn = [];
    for (let i = 0; i < 3; i++) drawn.push((await hold(tenantId, store, [{ skuId: a!, quantity: 1 }])).shards);
    expect(drawn).toEqual([0, 1, 2].map((shard) => [{ skuId: a, shard, quantity: 1 }]));
    await expect(hold(tenantId, store, [{ skuId: a!, quantity: 1 }, { skuId: b!, quantity: 11 }])).rejects.toMatchObject({
      code: 'insufficient_stock',
      details: [
        { skuId: b, locationId: store, requested: 11, available: 10 },
        { skuId: a, locationId: store, requested: 1, available: 0 },
      ],
    });
    vi.restoreAllMocks();

    const big = await open(hq, store, b!, 6, 3);
    const mixed = await hold(tenantId, store, [{ skuId: b!, quantity: 5 }]);
    expect(mixed.shards).toEqual([{ skuId: b, shard: 0, quantity: 2 }, { skuId: b, shard: 1, quantity: 2 }, { skuId: b, shard: 2, quantity: 1 }]);
    expect(await shardUnits(tenantId, big.id, 3)).toEqual([0, 0, 1]);
    await expect(hold(tenantId, store, [{ skuId: b!, quantity: 2 }])).rejects.toMatchObject({ code: 'insufficient_stock', details: [{ skuId: b, requested: 2, available: 1 }] });
    expect(await shardUnits(tenantId, pool.id, 3)).toEqual([0, 0, 0]);
    expect((await verify(tenantId)).differences).toEqual([]);
  });

  it('give released and expired holds back to their shards, and sell consumed ones on the level', async () => {
    const { tenantId, store, skuIds: [a, c], hq } = await stocked(10, 2);
    const pool = await open(hq, store, a!, 4, 2);
    const r = await hold(tenantId, store, [{ skuId: a!, quantity: 2 }, { skuId: c!, quantity: 1 }]);
    expect(await kit.levels(tenantId, [{ locationId: store, skuId: a! }, { locationId: store, skuId: c! }])).toMatchObject([{ reserved: 4, free: 6 }, { reserved: 1, free: 9 }]);
    await reservations.releaseReservation(tenantId, r.id, kit.deps);
    expect(await shardUnits(tenantId, pool.id, 2)).toEqual([2, 2]);
    expect(await kit.levels(tenantId, [{ locationId: store, skuId: a! }, { locationId: store, skuId: c! }])).toMatchObject([{ reserved: 4, free: 6 }, { reserved: 0, free: 10 }]);

    const soon = await hold(tenantId, store, [{ skuId: a!, quantity: 2 }], { expiresAt: new Date(clock.now().getTime() + MINUTE) });
    expect((await shardUnits(tenantId, pool.id, 2))[soon.shards![0]!.shard]).toBe(0);
    clock.advance(MINUTE);
    expect(await expiry.expireDueReservations(tenantId, kit.deps)).toEqual({ expired: 1, lost: 0 });
    expect(await shardUnits(tenantId, pool.id, 2)).toEqual([2, 2]);

    const sold = await hold(tenantId, store, [{ skuId: a!, quantity: 2 }]);
    const consumed = await reservations.consumeReservation(tenantId, sold.id, kit.deps);
    expect(consumed.movements).toEqual([expect.objectContaining({ skuId: a, type: 'sale', quantity: -2 })]);
    expect(await kit.level(tenantId, store, a!)).toMatchObject({ onHand: 8, reserved: 2, free: 6 });
    expect((await shardUnits(tenantId, pool.id, 2)).reduce((n, u) => n + u, 0)).toBe(2);
    expect((await verify(tenantId)).differences).toEqual([]);
  });

  it('close: what is left goes back to the level, later releases too, and a new pool may open', async () => {
    const { tenantId, store, skuIds: [a], hq } = await stocked(10);
    const key = { locationId: store, skuId: a!, channel: 'online' as const };
    const pool = await open(hq, store, a!, 6, 3);
    await expect(open(hq, store, a!, 2, 1)).rejects.toMatchObject({ code: 'invalid_state', details: [{ poolId: pool.id }] });
    const r = await hold(tenantId, store, [{ skuId: a!, quantity: 2 }]);
    const closed = await close.releasePool(hq, key, kit.deps);
    expect(closed).toMatchObject({ id: pool.id, status: 'closed', units: 6, remaining: 0, returned: 4, shards: [0, 1, 2].map((shard) => ({ shard, units: 0, status: 'closed' })) });
    expect(await close.releasePool(hq, key, kit.deps)).toEqual(closed);
    // The hold keeps its 2 units; the rest are free again.
    expect(await kit.level(tenantId, store, a!)).toMatchObject({ onHand: 10, reserved: 2, free: 8 });
    expect((await verify(tenantId)).differences).toEqual([]);
    // Its shard is closed: the release gives the units to the level.
    await reservations.releaseReservation(tenantId, r.id, kit.deps);
    expect(await kit.level(tenantId, store, a!)).toMatchObject({ onHand: 10, reserved: 0, free: 10 });
    // Holds go to the level again, and a new pool opens over the closed one.
    expect((await hold(tenantId, store, [{ skuId: a!, quantity: 1 }])).shards).toBeUndefined();
    const again = await open(hq, store, a!, 9, 3);
    await expect(open(hq, store, a!, 1, 1)).rejects.toMatchObject({ code: 'invalid_state' });
    expect(again).toMatchObject({ status: 'open', remaining: 9 });
    expect(await kit.level(tenantId, store, a!)).toMatchObject({ onHand: 10, reserved: 10, free: 0 });
    expect((await verify(tenantId)).differences).toEqual([]);
  });
});

describe('flash-sale pools through the API', () => {
  // Few functions on purpose: each one the test calls starts cold in its own worker.
  it('are opened and released by HQ; an online order on a pooled SKU holds, pays and cancels through them', async () => {
    const t = await newTenant('shards');
    const region = ok('region', await call('POST', '/v1/regions', { token: t.token, body: { name: 'Shards' } }), 201);
    const store = ok('store', await call('POST', '/v1/stores', { token: t.token, body: { code: 'SHARD', name: 'Shards', regionId: region.id, ownership: 'direct', address: '1 Shard Rd' } }), 201).id as string;
    const skuId = ok('product', await call('POST', '/v1/products', { token: t.token, body: { name: '飞天茅台', skus: [{ code: 'FEITIAN', unit: '瓶', listPrice: 149_900 }] } }), 201).skus[0].id as string;
    ok('receipt', await call('POST', '/v1/stock/movements', { token: t.token, body: { locationId: store, type: 'receipt', lines: [{ skuId, quantity: 10 }] } }), 201);
    const body = { locationId: store, skuId, channel: 'online', units: 6, shards: 3 };
    const level = () => kit.level(t.tenantId, store, skuId);

    expect((await call('PUT', '/v1/stock/shards', { token: t.token, body: { ...body, units: 2 } })).body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'body.units' }] });
    expect((await call('PUT', '/v1/stock/shards', { token: t.token, body: { ...body, units: 11 } })).body.error).toMatchObject({ code: 'insufficient_stock', details: [{ skuId, requested: 11, available: 10 }] });
    const key = randomUUID();
    const pool = ok('open', await call('PUT', '/v1/stock/shards', { token: t.token, body, headers: { 'idempotency-key': key } }));
    expect(pool).toMatchObject({ id: expect.stringMatching(/^pst_/), status: 'open', units: 6, remaining: 6, returned: null, shards: [0, 1, 2].map((shard) => ({ shard, units: 2, status: 'open' })) });
    expect(ok('replay', await call('PUT', '/v1/stock/shards', { token: t.token, body, headers: { 'idempotency-key': key } }))).toEqual(pool);
    expect((await call('PUT', '/v1/stock/shards', { token: t.token, body })).body.error).toMatchObject({ code: 'invalid_state', details: [{ poolId: pool.id }] });
    expect(await level()).toMatchObject({ onHand: 10, reserved: 6, free: 4 });
    // Online sells what the pool holds; the till still sees the level.
    const available = async (channel: string) => ok('stock', await call('GET', `/v1/stock?locationId=${store}&skuIds=${skuId}&channel=${channel}`, { token: t.token })).data[0].available;
    expect([await available('online'), await available('pos')]).toEqual([6, 4]);

    const order = ok('order', await placeOrder(t.token, { storeId: store, channel: 'online', lines: [{ skuId, quantity: 2 }] }), 201);
    const listed = async () => ok('pools', await call('GET', `/v1/stock/shards?locationId=${store}`, { token: t.token })).data;
    expect(await listed()).toEqual([expect.objectContaining({ id: pool.id, remaining: 4 })]);
    expect(await available('online')).toBe(4);
    ok('payment', await payCash(t.token, order.id), 201);
    expect(await level()).toMatchObject({ onHand: 8, reserved: 4, free: 4 });

    const unpaid = ok('order', await placeOrder(t.token, { storeId: store, channel: 'online', lines: [{ skuId, quantity: 4 }] }), 201);
    expect((await placeOrder(t.token, { storeId: store, channel: 'online', lines: [{ skuId, quantity: 1 }] })).body.error).toMatchObject({ code: 'insufficient_stock', details: [{ skuId, requested: 1, available: 0 }] });
    ok('cancel', await call('POST', `/v1/orders/${unpaid.id}/cancel`, { token: t.token, body: {} }));
    expect(await listed()).toEqual([expect.objectContaining({ remaining: 4 })]);

    const closed = ok('release', await call('POST', '/v1/stock/shards:release', { token: t.token, body: { locationId: store, skuId, channel: 'online' } }));
    expect(closed).toMatchObject({ id: pool.id, status: 'closed', returned: 4, remaining: 0 });
    expect(await level()).toMatchObject({ onHand: 8, reserved: 0, free: 8 });
    expect(await available('online')).toBe(8);
    const { data: trail } = await kit.service.entities.auditEntry.query.byTenant({ tenantId: t.tenantId }).go({ pages: 'all' });
    expect(trail.filter((e) => e.targetId === pool.id).map((e) => [e.action, e.actorId])).toEqual([
      ['stock.pool.opened', t.adminId],
      ['stock.pool.released', t.adminId],
    ]);
    expect((await verify(t.tenantId)).differences).toEqual([]);
  }, 60_000);
});

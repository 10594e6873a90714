// Replenishment through the API: suggestions from a seeded sales history (posted through the
// ledger primitive days in the past), stock, in-transit and on-order quantities and the store's
// min/max; a store's order shipped by HQ as exactly one transfer and received at the store; short
// stock leaving the order submitted; and every refusal writing nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newTenant, type ApiResponse, type TestTenant } from '../support/api.ts';
import { refusedWritingNothing, transferChain, type Chain } from '../support/transfers.ts';

const DAY = 24 * 3600 * 1000;
let c: Chain;
let other: TestTenant;
let A: string, B: string, P: string;

const order = (body: unknown, token = c.m1.token) => call('POST', '/v1/replenishment-orders', { token, body });
const ship = (id: string, token = c.t.token) => call('POST', `/v1/replenishment-orders/${id}/ship`, { token, body: {} });
const suggestions = async (storeId = c.s1, token = c.m1.token) => {
  const res = await call('GET', `/v1/stores/${storeId}/replenishment/suggestions?limit=100`, { token });
  if (res.status !== 200) throw new Error(`suggestions: ${res.status} ${JSON.stringify(res.body)}`);
  return new Map<string, Record<string, number | boolean>>(res.body.data.map((s: { skuId: string }) => [s.skuId, s]));
};
const refused = (request: () => Promise<ApiResponse>, status: number, code: string) => refusedWritingNothing([c.t, other], request, status, code);

beforeAll(async () => {
  // The third SKU ships in cases of 6.
  c = await transferChain('rpl', 3, (i) => (i === 2 ? { packSize: '6' } : undefined));
  other = await newTenant('rpl-other');
  [A, B, P] = c.skus as [string, string, string];
  await call('PUT', `/v1/stores/${c.s1}/assortment`, { token: c.t.token, body: { add: [A, B, P] } });
  await c.receipt(c.w, { [A]: 100, [B]: 3, [P]: 100 });
});

describe('suggestions', () => {
  it('suggests from the last 14 days of sales, stock, what is in transit and on order, and min/max', async () => {
    const now = Date.now();
    c.clock.set(now - 20 * DAY);
    await c.receipt(c.s1, { [A]: 20, [P]: 20 });
    await c.sale(c.s1, { [A]: 5 }); // outside the window
    for (let day = 1; day <= 7; day++) {
      c.clock.set(now - day * DAY - 3600_000);
      await c.sale(c.s1, { [A]: 2, [P]: 2 });
    }
    await c.customerReturn(c.s1, { [A]: 1 }); // not demand
    c.clock.set(now);
    await call('POST', '/v1/stock/transfers', { token: c.t.token, body: { fromLocationId: c.w, toLocationId: c.s1, lines: [{ skuId: A, quantity: 5 }] } });
    const set = await call('PUT', `/v1/stores/${c.s1}/replenishment/levels`, { token: c.m1.token, body: { levels: [{ skuId: A, min: 10, max: 30 }, { skuId: P, min: 10, max: 30 }] } });
    expect(set.status).toBe(200);
    expect((await call('GET', `/v1/stores/${c.s1}/replenishment/levels`, { token: c.m1.token })).body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ skuId: A, min: 10, max: 30 }), expect.objectContaining({ skuId: P, min: 10, max: 30 })]),
    );

    // Sales are read from the ledger, whose lines trail the levels by the stream's delay.
    await c.expectLedgerBalanced([c.s1]);
    const first = await suggestions();
    // A: onHand 20 - 5 - 14 + 1 = 2, 5 in transit: position 7; 14 sold in 14 days is 1 a day;
    // 7 - 1 x (1 + 1) < 10, so order up to 30 + 1 x 1 - 7 = 24.
    expect(first.get(A)).toEqual({ skuId: A, suggested: 24, sold: 14, onHand: 2, reserved: 0, inTransit: 5, onOrder: 0, min: 10, max: 30, levelsSet: true, packSize: 1 });
    // P: position 6, short of 30 + 1 - 6 = 25, in whole cases of 6: 30.
    expect(first.get(P)).toMatchObject({ suggested: 30, sold: 14, onHand: 6, packSize: 6 });
    // B: never sold, no stock, no min/max: nothing to order.
    expect(first.get(B)).toMatchObject({ suggested: 0, sold: 0, onHand: 0, levelsSet: false });

    const placed = await order({ storeId: c.s1, warehouseId: c.w, lines: [{ skuId: A, quantity: 24 }], note: '周一订货' });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ id: expect.stringMatching(/^rpo_/), status: 'submitted', storeId: c.s1, warehouseId: c.w, lines: [{ skuId: A, quantity: 24 }], note: '周一订货', transferId: null, createdBy: c.m1.id });
    // Once on order it is not suggested again.
    expect((await suggestions()).get(A)).toMatchObject({ suggested: 0, onOrder: 24, inTransit: 5 });

    const shipped = await ship(placed.body.id);
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ id: placed.body.id, status: 'shipped', transferId: shipped.body.transfer.id });
    expect(shipped.body.transfer).toMatchObject({ status: 'in_transit', fromLocationId: c.w, toLocationId: c.s1, orderId: placed.body.id, reference: placed.body.id, lines: [{ skuId: A, shipped: 24, outstanding: 24 }] });
    expect((await suggestions()).get(A)).toMatchObject({ suggested: 0, onOrder: 0, inTransit: 29 });
  });
});

describe('orders', () => {
  it('ships an order as exactly one transfer, which the store receives', async () => {
    const placed = (await order({ storeId: c.s1, warehouseId: c.w, lines: [{ skuId: P, quantity: 12 }] })).body;
    const before = await c.onHand(c.w, P);
    const raced = await Promise.all([1, 2, 3, 4].map(() => ship(placed.id)));
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(raced.filter((r) => r.status === 409).every((r) => r.body.error.code === 'invalid_state')).toBe(true);
    expect(await c.onHand(c.w, P)).toBe(before - 12);
    const transferId = raced.find((r) => r.status === 200)!.body.transferId;
    const fromOrder = (await call('GET', `/v1/stock/transfers?locationId=${c.w}&direction=outbound`, { token: c.t.token })).body.data.filter((t: { orderId: string }) => t.orderId === placed.id);
    expect(fromOrder.map((t: { id: string }) => t.id)).toEqual([transferId]);
    await refused(() => ship(placed.id), 409, 'invalid_state');

    const stocked = await c.onHand(c.s1, P);
    const received = await call('POST', `/v1/stock/transfers/${transferId}/receive`, { token: c.m1.token, body: {} });
    expect(received.body).toMatchObject({ status: 'received', orderId: placed.id });
    expect(await c.onHand(c.s1, P)).toBe(stocked + 12);
    expect((await call('GET', `/v1/replenishment-orders/${placed.id}`, { token: c.m1.token })).body).toMatchObject({ status: 'shipped', transferId });
    await c.expectLedgerBalanced([c.w, c.s1]);
  });

  it('leaves an order submitted when the warehouse is short, and lets the store cancel it', async () => {
    const placed = (await order({ storeId: c.s1, warehouseId: c.w, lines: [{ skuId: B, quantity: 4 }, { skuId: P, quantity: 1 }] })).body;
    const short = await refused(() => ship(placed.id), 409, 'insufficient_stock');
    expect(short.body.error.details).toEqual([expect.objectContaining({ skuId: B, requested: 4, available: 3 })]);
    expect((await call('GET', `/v1/replenishment-orders/${placed.id}`, { token: c.t.token })).body.status).toBe('submitted');
    const cancelled = await call('POST', `/v1/replenishment-orders/${placed.id}/cancel`, { token: c.m1.token, body: {} });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', transferId: null });
    await refused(() => ship(placed.id), 409, 'invalid_state');
    await refused(() => call('POST', `/v1/replenishment-orders/${placed.id}/cancel`, { token: c.m1.token, body: {} }), 409, 'invalid_state');
    const listed = await call('GET', `/v1/replenishment-orders?storeId=${c.s1}&status=cancelled`, { token: c.m1.token });
    expect(listed.body.data.map((o: { id: string }) => o.id)).toEqual([placed.id]);
    const queue = await call('GET', `/v1/replenishment-orders?warehouseId=${c.w}&status=submitted`, { token: c.t.token });
    expect(queue.body.data.map((o: { id: string }) => o.id)).not.toContain(placed.id);
    // A cursor is of one location's list: on another location's it opens nothing.
    const page = await call('GET', `/v1/replenishment-orders?storeId=${c.s1}&limit=1`, { token: c.t.token });
    await refused(() => call('GET', `/v1/replenishment-orders?storeId=${c.s2}&limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`, { token: c.m2.token }), 400, 'validation_failed');
  });

  it('refuses what a store may not do and what names nothing of the chain, writing nothing', async () => {
    const line = [{ skuId: A, quantity: 1 }];
    const mine = (await order({ storeId: c.s1, warehouseId: c.w, lines: line })).body.id;
    await refused(() => ship(mine, c.m1.token), 403, 'forbidden');
    await refused(() => order({ storeId: c.s2, warehouseId: c.w, lines: line }), 404, 'not_found');
    await refused(() => order({ storeId: c.s1, warehouseId: 'whs_01JC0000000000000000000000', lines: line }), 404, 'not_found');
    await refused(() => order({ storeId: c.s1, warehouseId: c.s2, lines: line }), 400, 'validation_failed');
    await refused(() => order({ storeId: c.s1, warehouseId: c.w, lines: [{ skuId: A, quantity: -1 }] }), 400, 'validation_failed');
    await refused(() => order({ storeId: c.s1, warehouseId: c.w, lines: line }, other.token), 404, 'not_found');
    await refused(() => call('GET', `/v1/replenishment-orders/${mine}`, { token: c.m2.token }), 404, 'not_found');
    await refused(() => call('GET', `/v1/replenishment-orders/${mine}`, { token: other.token }), 404, 'not_found');
    await refused(() => call('POST', `/v1/replenishment-orders/${mine}/cancel`, { token: c.m2.token, body: {} }), 404, 'not_found');
    await refused(() => ship(mine, other.token), 404, 'not_found');
    await refused(() => call('GET', `/v1/replenishment-orders?warehouseId=${c.w}`, { token: c.m1.token }), 403, 'forbidden');
    await refused(() => call('GET', `/v1/replenishment-orders?storeId=${c.s1}&warehouseId=${c.w}`, { token: c.t.token }), 400, 'validation_failed');
    await refused(() => call('PUT', `/v1/stores/${c.s1}/replenishment/levels`, { token: c.m1.token, body: { levels: [{ skuId: A, min: 5, max: 4 }] } }), 400, 'validation_failed');
    await refused(() => call('PUT', `/v1/stores/${c.s2}/replenishment/levels`, { token: c.m1.token, body: { levels: [{ skuId: A, min: 1, max: 4 }] } }), 404, 'not_found');
    await refused(() => call('GET', `/v1/stores/${c.s2}/replenishment/suggestions`, { token: c.m1.token }), 404, 'not_found');
    await refused(() => call('GET', `/v1/stores/${c.s1}/replenishment/suggestions?windowDays=0`, { token: c.m1.token }), 400, 'validation_failed');
  });

  it('ships a 45-line order in one transaction and receives it whole', async () => {
    const big = await transferChain('rpl-big', 45);
    await big.receipt(big.w, Object.fromEntries(big.skus.map((s) => [s, 5])));
    const lines = big.skus.map((skuId) => ({ skuId, quantity: 2 }));
    const placed = (await order({ storeId: big.s1, warehouseId: big.w, lines }, big.m1.token)).body;
    const shipped = await ship(placed.id, big.t.token);
    expect(shipped.status).toBe(200);
    const received = await call('POST', `/v1/stock/transfers/${shipped.body.transferId}/receive`, { token: big.m1.token, body: {} });
    expect(received.body.status).toBe('received');
    expect(await Promise.all(big.skus.map((s) => big.onHand(big.s1, s)))).toEqual(Array(45).fill(2));
    await big.expectLedgerBalanced([big.w, big.s1]);
    const tooMany = [...lines, { skuId: 'sku_01JC0000000000000000000000', quantity: 1 }];
    await refusedWritingNothing([big.t], () => order({ storeId: big.s1, warehouseId: big.w, lines: tooMany }, big.m1.token), 400, 'validation_failed');
  });
});

// The stock routes end to end: movements recorded by hand and the ledger they read back, levels
// per channel, policies, reservations, who may do what where, and every refusal in the error
// envelope writing nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, newUser, seedStores, type TestTenant } from '../support/api.ts';
import { catalogKit, product } from '../support/catalog.ts';
import { manualClock, stockKit } from '../support/stock.ts';

let chain: TestTenant;
let stores: string[];
let warehouse: string;
let skus: string[];
const { tenant, refused, createProduct } = catalogKit();

beforeAll(async () => {
  chain = await tenant('stock');
  const seeded = await seedStores(chain, 2);
  stores = seeded.stores.map((s) => s.id as string);
  warehouse = (await call('POST', '/v1/warehouses', { token: chain.token, body: { code: 'DC-1', name: 'DC', regionId: seeded.regionId } })).body.id;
  const p = await createProduct(product('农夫山泉', ['550ml', '1.5L', '4L'].map((name, i) => ({ code: `NF-${i}`, name, unit: '瓶', listPrice: 200 + i * 100 }))));
  skus = p.skus.map((s: { id: string }) => s.id);
});

const post = (body: unknown, token = chain.token, headers?: Record<string, string>) => call('POST', '/v1/stock/movements', { token, body, headers });
const stock = async (locationId: string, query = '', token = chain.token) => (await call('GET', `/v1/stock?locationId=${locationId}${query}`, { token })).body;
const lines = (...quantities: number[]) => quantities.map((quantity, i) => ({ skuId: skus[i]!, quantity }));

describe('stock movements', () => {
  it('records receipts, adjustments and damage as signed ledger lines that the levels add up to', async () => {
    const store = stores[0]!;
    const res = await post({ locationId: store, type: 'receipt', lines: lines(24, 12), reference: 'DN-7788' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^pst_/),
      locationId: store,
      type: 'receipt',
      reference: 'DN-7788',
      occurredAt: expect.any(String),
      movements: [
        { id: expect.stringMatching(/^mov_/), locationId: store, skuId: skus[0], type: 'receipt', quantity: 24, occurredAt: res.body.occurredAt, reference: 'DN-7788', postingId: res.body.id },
        expect.objectContaining({ skuId: skus[1], quantity: 12 }),
      ],
    });
    expect((await post({ locationId: store, type: 'damage', lines: lines(-2) })).status).toBe(201);
    expect((await post({ locationId: store, type: 'adjustment', lines: lines(1, -3) })).status).toBe(201);
    expect(await stock(store, `&skuIds=${skus.join(',')}`)).toEqual({
      data: [
        { locationId: store, skuId: skus[0], onHand: 23, reserved: 0, available: 23, channel: 'pos', safetyStock: 0, lowThreshold: null, low: false },
        expect.objectContaining({ skuId: skus[1], onHand: 9 }),
        expect.objectContaining({ skuId: skus[2], onHand: 0, available: 0 }),
      ],
      nextCursor: null,
    });
    // The ledger's lines arrive a stream delay after the levels (movement-projection.ts).
    const ledger = await eventually(async () => {
      const page = (await call('GET', `/v1/stock/movements?locationId=${store}&skuId=${skus[0]}&order=asc`, { token: chain.token })).body;
      return page.data.length === 3 && (await call('GET', `/v1/stock/movements?locationId=${store}`, { token: chain.token })).body.data.length === 5 ? page : undefined;
    });
    expect(ledger.data.map((m: { type: string; quantity: number }) => [m.type, m.quantity])).toEqual([['receipt', 24], ['damage', -2], ['adjustment', 1]]);
    const seen: number[] = [];
    for (let cursor = '', pages = 0; pages === 0 || cursor; pages++) {
      const page = (await call('GET', `/v1/stock/movements?locationId=${store}&limit=2${cursor && `&cursor=${encodeURIComponent(cursor)}`}`, { token: chain.token })).body;
      seen.push(...page.data.map((m: { quantity: number }) => m.quantity));
      cursor = page.nextCursor ?? '';
    }
    // Newest first; one posting's lines in the order they were sent.
    expect(seen).toEqual([-3, 1, -2, 12, 24]);
    // A cursor of this store's ledger opens no other location's.
    const cursor = (await call('GET', `/v1/stock/movements?locationId=${store}&limit=1`, { token: chain.token })).body.nextCursor;
    await refused(() => call('GET', `/v1/stock/movements?locationId=${stores[1]}&limit=1&cursor=${encodeURIComponent(cursor)}`, { token: chain.token }), 400, 'validation_failed');
    await refused(() => call('GET', `/v1/stock?locationId=${stores[1]}&limit=1&cursor=${encodeURIComponent(cursor)}`, { token: chain.token }), 400, 'validation_failed');
    const audit = (await call('GET', '/v1/audit?limit=1', { token: chain.token })).body.data[0];
    expect(audit).toMatchObject({ action: 'stock.adjustment', target: { type: 'location', id: store } });
  });

  it('replays a request sent again with its Idempotency-Key, posting it once', async () => {
    const body = { locationId: stores[1], type: 'receipt', lines: lines(5) };
    const first = await post(body, chain.token, { 'idempotency-key': 'grn-42' });
    const again = await post(body, chain.token, { 'idempotency-key': 'grn-42' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await stock(stores[1]!, `&skuIds=${skus[0]}`)).data[0].onHand).toBe(5);
  });

  it('refuses bad input in the envelope, writing nothing', async () => {
    const store = stores[0]!;
    const bad = async (body: unknown, status = 400, code = 'validation_failed') => (await refused(() => post(body), status, code)).body.error;
    expect((await bad({ locationId: store, type: 'receipt', lines: lines(-1) })).details[0]).toMatchObject({ path: 'body.lines.0.quantity', message: expect.stringMatching(/positive/) });
    expect((await bad({ locationId: store, type: 'damage', lines: lines(1) })).details[0].message).toMatch(/negative/);
    await bad({ locationId: store, type: 'adjustment', lines: lines(0) });
    await bad({ locationId: store, type: 'receipt', lines: [...lines(1), ...lines(2)] });
    await bad({ locationId: store, type: 'sale', lines: lines(-1) });
    await bad({ locationId: store, type: 'receipt', lines: [] });
    await bad({ locationId: store, type: 'receipt', lines: Array.from({ length: 41 }, () => lines(1)[0]) });
    await bad({ locationId: store, type: 'receipt', lines: [{ skuId: skus[0], quantity: 1.5 }] });
    expect((await bad({ locationId: store, type: 'receipt', lines: [...lines(1), { skuId: 'sku_01JC0000000000000000000000', quantity: 1 }] })).details).toEqual([{ path: 'body.lines.1.skuId', message: 'No such SKU in this chain' }]);
    await bad({ locationId: 'reg_01JC0000000000000000000000', type: 'receipt', lines: lines(1) });
    await bad({ locationId: 'sto_01JC0000000000000000000000', type: 'receipt', lines: lines(1) }, 404, 'not_found');
    const short = await bad({ locationId: store, type: 'damage', lines: lines(-24, -1) }, 409, 'insufficient_stock');
    expect(short.details).toEqual([{ skuId: skus[0], locationId: store, requested: 24, available: 23 }]);
    await refused(() => call('POST', '/v1/stock/movements', { token: chain.token, rawBody: '{"locationId":', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
  });

  it('lets store managers act at their own stores, staff read their own, and nobody reach another chain', async () => {
    const [mine, theirs] = stores as [string, string];
    const manager = await newUser(chain, 'store_manager', [mine]);
    const cashier = await newUser(chain, 'cashier', [mine]);
    expect((await post({ locationId: mine, type: 'receipt', lines: lines(1) }, manager.token)).status).toBe(201);
    await refused(() => post({ locationId: theirs, type: 'receipt', lines: lines(1) }, manager.token), 404, 'not_found');
    await refused(() => post({ locationId: warehouse, type: 'receipt', lines: lines(1) }, manager.token), 403, 'forbidden');
    await refused(() => post({ locationId: mine, type: 'receipt', lines: lines(1) }, cashier.token), 403, 'forbidden');
    expect((await stock(mine, '', cashier.token)).data.length).toBeGreaterThan(0);
    expect((await call('GET', `/v1/stock?locationId=${warehouse}`, { token: cashier.token })).status).toBe(200);
    await refused(() => call('GET', `/v1/stock?locationId=${theirs}`, { token: cashier.token }), 404, 'not_found');
    await refused(() => call('GET', `/v1/stock/movements?locationId=${mine}`, { token: cashier.token }), 403, 'forbidden');
    const other = await tenant('other');
    await refused(() => post({ locationId: mine, type: 'receipt', lines: lines(1) }, other.token), 404, 'not_found');
    await refused(() => call('GET', `/v1/stock/movements?locationId=${mine}`, { token: other.token }), 404, 'not_found');
  });
});

describe('stock policies and reservations', () => {
  it('keeps safety stock back from online channels and announces stock.low once per crossing', async () => {
    const store = warehouse;
    await post({ locationId: store, type: 'receipt', lines: lines(5) });
    const policy = await call('PUT', '/v1/stock/policies', { token: chain.token, body: { locationId: store, defaults: { safetyStock: 2, lowThreshold: 3 }, skus: [{ skuId: skus[1], lowThreshold: 10 }] } });
    expect(policy.body).toEqual({ locationId: store, defaults: { safetyStock: 2, lowThreshold: 3 }, skus: [{ skuId: skus[1], safetyStock: null, lowThreshold: 10 }] });
    expect((await call('GET', `/v1/stock/policies?locationId=${store}`, { token: chain.token })).body).toEqual({ locationId: store, defaults: { safetyStock: 2, lowThreshold: 3 }, data: [{ skuId: skus[1], safetyStock: null, lowThreshold: 10 }], nextCursor: null });
    // Online may sell 3 of the 5, the till all 5.
    expect((await stock(store, `&skuIds=${skus[0]}&channel=online`)).data[0]).toMatchObject({ onHand: 5, available: 3, safetyStock: 2, lowThreshold: 3, low: false });
    const reserve = (quantity: number, channel = 'online') => call('POST', '/v1/stock/reservations', { token: chain.token, body: { locationId: store, channel, lines: [{ skuId: skus[0], quantity }], reference: 'WX-1' } });
    const short = await refused(() => reserve(4), 409, 'insufficient_stock');
    expect(short.body.error.details).toEqual([{ skuId: skus[0], locationId: store, requested: 4, available: 3 }]);
    const held = await reserve(2); // free 3: at the threshold, so low
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ id: expect.stringMatching(/^rsv_/), status: 'active', locationId: store, channel: 'online', lines: [{ skuId: skus[0], quantity: 2 }], reference: 'WX-1' });
    expect((await reserve(1)).status).toBe(201); // still low: no second event
    expect((await reserve(1, 'pos')).status).toBe(201);
    expect((await stock(store, `&skuIds=${skus[0]}`)).data[0]).toMatchObject({ onHand: 5, reserved: 4, available: 1, low: true });
    const events = await eventually(async () => {
      const list = (await call('GET', '/v1/tenant/events?limit=50', { token: chain.token })).body.data.filter((e: { type: string }) => e.type === 'stock.low');
      return list.length ? list : undefined;
    });
    await new Promise((r) => setTimeout(r, 1500));
    const after = (await call('GET', '/v1/tenant/events?limit=50', { token: chain.token })).body.data.filter((e: { type: string }) => e.type === 'stock.low');
    expect(after).toHaveLength(1);
    expect(events[0].payload).toEqual({ postingId: expect.stringMatching(/^rsv_.*:reserve$/), levels: [{ locationId: store, skuId: skus[0], available: 3 }] });

    const got = await call('GET', `/v1/stock/reservations/${held.body.id}`, { token: chain.token });
    expect(got.body).toEqual(held.body);
    const released = await call('POST', `/v1/stock/reservations/${held.body.id}/release`, { token: chain.token, body: {} });
    expect(released.body).toMatchObject({ status: 'released', closedAt: expect.any(String) });
    await refused(() => call('POST', `/v1/stock/reservations/${held.body.id}/consume`, { token: chain.token, body: {} }), 409, 'invalid_state');
  });

  it('consumes a reservation into a sale over HTTP, and refuses what it does not hold', async () => {
    const store = stores[0]!;
    const held = (await call('POST', '/v1/stock/reservations', { token: chain.token, body: { locationId: store, channel: 'delivery', lines: [{ skuId: skus[1], quantity: 3 }], ttlSeconds: 600 } })).body;
    await refused(() => call('POST', `/v1/stock/reservations/${held.id}/consume`, { token: chain.token, body: { lines: [{ skuId: skus[1], quantity: 4 }] } }), 400, 'validation_failed');
    await refused(() => call('POST', `/v1/stock/reservations/${held.id}/consume`, { token: chain.token, body: { lines: [{ skuId: skus[0], quantity: 1 }] } }), 400, 'validation_failed');
    const sold = await call('POST', `/v1/stock/reservations/${held.id}/consume`, { token: chain.token, body: { lines: [{ skuId: skus[1], quantity: 2 }] } });
    expect(sold.body).toMatchObject({ status: 'consumed', sold: [{ skuId: skus[1], quantity: 2 }], movements: [{ type: 'sale', quantity: -2, skuId: skus[1] }] });
    expect((await stock(store, `&skuIds=${skus[1]}`)).data[0]).toMatchObject({ onHand: 7, reserved: 0 });
    await refused(() => call('GET', '/v1/stock/reservations/rsv_01JC0000000000000000000000', { token: chain.token }), 404, 'not_found');
    const other = await tenant('other');
    await refused(() => call('GET', `/v1/stock/reservations/${held.id}`, { token: other.token }), 404, 'not_found');
    await refused(() => call('POST', '/v1/stock/reservations', { token: chain.token, body: { locationId: store, channel: 'web', lines: [{ skuId: skus[1], quantity: 1 }] } }), 400, 'validation_failed');
    await refused(() => call('POST', '/v1/stock/reservations', { token: chain.token, body: { locationId: store, channel: 'online', lines: [{ skuId: skus[1], quantity: 1 }], ttlSeconds: 5 } }), 400, 'validation_failed');
  });

  it('registers the chain with the expiry sweeper with its first hold, and announces each expiry', async () => {
    await post({ locationId: stores[0], type: 'receipt', lines: [{ skuId: skus[2], quantity: 1 }] });
    const held = (await call('POST', '/v1/stock/reservations', { token: chain.token, body: { locationId: stores[0], channel: 'online', lines: [{ skuId: skus[2], quantity: 1 }], reference: 'WX-late' } })).body;
    const kit = await stockKit(manualClock(Date.now() + 2 * 24 * 3600_000));
    const { registeredTenants, expireDueReservations } = await import('../../domain/inventory/reservations/reservation-expiry.ts');
    expect(await registeredTenants(kit.service.entities.sweepRegistration)).toContain(chain.tenantId);
    expect((await expireDueReservations(chain.tenantId, kit.deps)).expired).toBeGreaterThanOrEqual(1);
    expect((await call('GET', `/v1/stock/reservations/${held.id}`, { token: chain.token })).body.status).toBe('expired');
    const event = await eventually(async () => {
      const events = (await call('GET', '/v1/tenant/events?limit=50', { token: chain.token })).body.data;
      return events.find((e: { type: string; payload: { reservationId?: string } }) => e.type === 'stock.reservation_expired' && e.payload.reservationId === held.id);
    });
    expect(event.payload).toEqual({ reservationId: held.id, locationId: stores[0], reference: 'WX-late' });
  });
});

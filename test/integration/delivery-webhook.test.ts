// The Meituan adapter through the real API and the local sandbox of the platform: HQ connects an
// app and lists stores and SKUs; the sandbox signs and pushes orders to our webhook, which places
// `delivery` orders with their holds and confirms them (or rejects them with the platform's
// reason code), applies the platform's cancels, and pushes our stock back within its limits.
import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, cloud, eventually, type ApiResponse, type TestTenant } from '../support/api.ts';
import { entityChanges } from '../support/writes.ts';
import { pricingKit, type PricedChain } from '../support/pricing.ts';
import { ok, stockAt, stockedChain } from '../support/orders.ts';
import { seedStores } from '../support/api.ts';

type Call = { at: number; path: string; appId: string; params: Record<string, any>; verified: boolean; throttled: boolean; answer: any };

const sandboxAt = () => (cloud().endpoints as { meituan?: string }).meituan!;
const sandbox = async (method: string, path: string, body?: unknown): Promise<any> => {
  const res = await fetch(`${sandboxAt()}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`sandbox ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};
const calls = async (appId: string, path: string): Promise<Call[]> => (await sandbox('GET', `/_sandbox/calls?appId=${appId}&path=${encodeURIComponent(path)}`)).data;
/** The sandbox pushes; what our webhook answered, as the API client shapes a response. */
const push = async (body: Record<string, unknown>): Promise<ApiResponse & { orderId: string }> => {
  const { orderId, answer } = await sandbox('POST', '/_sandbox/pushes', body);
  return { orderId, status: answer.status, headers: new Headers(), body: answer.body };
};

const { tenant, refused } = pricingKit();
let t: TestTenant;
/** Two neighbouring chains: one that tries to take our app, one with an app of its own. */
let others: [TestTenant, TestTenant];
let c: PricedChain;
const secret = `secret-${randomInt(1e9)}`;
const appId = String(randomInt(1e8, 1e9));
const webhook = () => `${cloud().apiUrl}/v1/channels/meituan/webhook`;

const connect = async (tt: TestTenant, app: string, appSecret: string) => {
  await sandbox('POST', '/_sandbox/apps', { appId: app, appSecret, pushUrl: webhook() });
  return call('PUT', '/v1/channels/meituan/credentials', { token: tt.token, body: { appId: app, appSecret, pushUrl: webhook() } });
};
const list = async (tt: TestTenant, body: Record<string, unknown>) => ok('listings', await call('PUT', '/v1/channels/meituan/listings', { token: tt.token, body }));
const cola = (quantity: number) => ({ skuCode: 'COLA-330', spuCode: 'SPU-COLA', name: '可乐330ml', quantity, price: 3 });
const ordersOf = async (store: string) => ok('orders', await call('GET', `/v1/orders?storeId=${store}&channel=delivery&limit=100`, { token: t.token })).data as any[];
const orderCount = async () => (await entityChanges(t.tenantId)).order ?? 0;

/** Waits until what the platform last accepted of each listed SKU at `storeCode` is what we would tell it now. */
const stockSettled = async (storeCode: string, storeId: string) => {
  const skus = { 'COLA-330': c.skus.cola330, 'COLA-500': c.skus.cola500, 'WATER-550': c.skus.water };
  await eventually(async () => {
    const told = new Map<string, number>();
    for (const k of await calls(appId, 'retail/sku/stock'))
      if (k.params.app_poi_code === storeCode && k.answer.result_code === 1) for (const group of k.params.food_data) for (const s of group.skus) told.set(s.sku_id, Number(s.stock));
    const res = ok('stock', await call('GET', `/v1/stock?locationId=${storeId}&skuIds=${Object.values(skus).join(',')}&channel=delivery`, { token: t.token }));
    const now = new Map<string, number>(res.data.map((l: any) => [l.skuId, l.available]));
    return Object.entries(skus).every(([code, id]) => told.get(code) === (now.get(id) ?? 0)) ? told : undefined;
  });
};

beforeAll(async () => {
  // The console's URL check (no order, no signature) is answered "ok"; made now, it also starts
  // both webhook functions while the chain is set up.
  const checks = Promise.all(['POST', 'GET'].map((method) => fetch(webhook(), { method }).then(async (r) => [r.status, await r.json()])));
  [t, ...others] = await Promise.all([tenant('meituan'), tenant('meituan-b'), tenant('meituan-c')]);
  c = await stockedChain(t, 20);
  expect(await checks).toEqual([[200, { data: 'ok' }], [200, { data: 'ok' }]]);
  const connected = ok('credentials', await connect(t, appId, secret));
  expect(connected).toEqual({ channel: 'meituan', appId, pushUrl: webhook(), secretSet: true, updatedAt: expect.any(String), updatedBy: t.adminId });
  await list(t, {
    stores: [c.stores.e1, c.stores.e2, c.stores.w1].map((storeId) => ({ storeId, listed: true })),
    skus: [
      { skuId: c.skus.cola330, spuCode: 'SPU-COLA', listed: true },
      { skuId: c.skus.cola500, spuCode: 'SPU-COLA', listed: true },
      { skuId: c.skus.water, listed: true },
    ],
  });
  // Listing sends each listed store's levels: afterwards no stock call makes a new item.
  await Promise.all([stockSettled('E001', c.stores.e1), stockSettled('E002', c.stores.e2), stockSettled('W001', c.stores.w1)]);
  // Ten seconds or so alone; on a machine shared with other test runs, cold starts take longer.
}, 120_000);

describe('connecting an app', () => {
  it('keeps the secret to itself and lets no other chain take the app', async () => {
    const audit = ok('audit', await call('GET', '/v1/audit?limit=100', { token: t.token }));
    expect(audit.data.map((e: any) => e.action)).toEqual(expect.arrayContaining(['channel.credentials.set', 'channel.listings.changed']));
    expect(JSON.stringify(audit)).not.toContain(secret);
    const [other] = others;
    // Straight to our API: the sandbox's app keeps its own secret.
    const taken = await call('PUT', '/v1/channels/meituan/credentials', { token: other.token, body: { appId, appSecret: 'another-secret', pushUrl: webhook() } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('already_exists');
  });
});

describe('an order pushed by the platform', () => {
  it('becomes exactly one delivery order, confirmed at the platform and paid by it (its hold sold, its task open); the same push again does nothing', async () => {
    const before = await stockAt(t.token, c.stores.e1, [c.skus.cola330, c.skus.water]);
    const orders = await orderCount();
    // The second line names only its product code: mapped through the listing.
    const first = await push({ appId, type: 'order', storeCode: 'E001', lines: [cola(2), { spuCode: 'WATER-550', name: '矿泉水', quantity: 1, price: 2 }] });
    expect(first).toMatchObject({ status: 200, body: { data: 'ok' } });
    expect(first.orderId).toMatch(/^\d{17}$/);
    const placed = (await ordersOf(c.stores.e1)).filter((o) => o.externalRef === `meituan:${first.orderId}`);
    expect(placed).toHaveLength(1);
    expect(placed[0].lines.map((l: any) => [l.skuId, l.quantity])).toEqual([[c.skus.cola330, 2], [c.skus.water, 1]]);
    const order = ok('order', await call('GET', `/v1/orders/${placed[0].id}`, { token: t.token }));
    expect(order).toMatchObject({ channel: 'delivery', status: 'paid', fulfilmentType: 'delivery', total: 800, paidAmount: 800, fulfilment: { status: 'open' } });
    expect(order.payments).toEqual([expect.objectContaining({ provider: 'meituan', flow: 'platform', status: 'succeeded', amount: 800, providerTxnId: first.orderId })]);
    // The hold became sales: the units left the shelf, nothing stays reserved.
    const sold = await stockAt(t.token, c.stores.e1, [c.skus.cola330, c.skus.water]);
    for (const [sku, units] of [[c.skus.cola330, 2], [c.skus.water, 1]] as const) {
      expect(sold.get(sku)!.onHand).toBe(before.get(sku)!.onHand - units);
      expect(sold.get(sku)!.reserved).toBe(before.get(sku)!.reserved);
    }
    expect(await orderCount()).toBe(orders + 1);
    const confirms = (await calls(appId, 'order/confirm')).filter((k) => k.params.order_id === first.orderId);
    expect(confirms).toEqual([expect.objectContaining({ verified: true, answer: { data: 'ok' } })]);
    expect((await sandbox('GET', `/_sandbox/orders/${first.orderId}`)).status).toBe(4);

    const again = await push({ appId, type: 'order', orderId: first.orderId });
    expect(again).toMatchObject({ status: 200, body: { data: 'ok' } });
    expect(await orderCount()).toBe(orders + 1);
    expect((await calls(appId, 'order/confirm')).filter((k) => k.params.order_id === first.orderId)).toHaveLength(1);
    expect(ok('order', await call('GET', `/v1/orders/${placed[0].id}`, { token: t.token })).payments).toHaveLength(1);
    expect(await stockAt(t.token, c.stores.e1, [c.skus.cola330])).toEqual(new Map([[c.skus.cola330, sold.get(c.skus.cola330)]]));
  });

  it('is refused, writing nothing, when its signature is forged, it is stale or its app is not connected', async () => {
    await eventually(async () => ((await call('GET', '/v1/tenant/events?limit=100', { token: t.token })).body.data.some((e: any) => e.type === 'order.created') ? true : undefined));
    for (const tamper of ['signature', 'stale'])
      expect((await refused(() => push({ appId, type: 'order', storeCode: 'E001', lines: [cola(1)], tamper }), 401, 'unauthenticated')).body.data).toBe('ng');
    const stranger = String(randomInt(1e8, 1e9));
    await sandbox('POST', '/_sandbox/apps', { appId: stranger, appSecret: 'unknown-to-us', pushUrl: webhook() });
    await refused(() => push({ appId: stranger, type: 'order', storeCode: 'E001', lines: [cola(1)] }), 401, 'unauthenticated');
  });

  it('is rejected at the platform with 2009 when there is not enough, writing no order; with 2007 for a store we do not have', async () => {
    const orders = await orderCount();
    const before = await stockAt(t.token, c.stores.w1, [c.skus.cola330]);
    const short = await push({ appId, type: 'order', storeCode: 'W001', lines: [cola(before.get(c.skus.cola330)!.available + 1)] });
    expect(short).toMatchObject({ status: 200, body: { data: 'ok' } });
    const cancels = (await calls(appId, 'order/cancel')).filter((k) => k.params.order_id === short.orderId);
    expect(cancels).toEqual([expect.objectContaining({ verified: true, params: expect.objectContaining({ reason_code: '2009', reason: '商品已售完' }) })]);
    expect(await sandbox('GET', `/_sandbox/orders/${short.orderId}`)).toMatchObject({ status: 9, cancelReasonCode: 2009 });
    expect(await orderCount()).toBe(orders);
    expect(await stockAt(t.token, c.stores.w1, [c.skus.cola330])).toEqual(before);
    expect((await ordersOf(c.stores.w1)).some((o) => o.externalRef === `meituan:${short.orderId}`)).toBe(false);

    const unknownSku = await push({ appId, type: 'order', storeCode: 'W001', lines: [{ skuCode: 'NOT-OURS', name: '?', quantity: 1 }] });
    const nowhere = await push({ appId, type: 'order', storeCode: 'X999', lines: [cola(1)] });
    expect(await sandbox('GET', `/_sandbox/orders/${unknownSku.orderId}`)).toMatchObject({ status: 9, cancelReasonCode: 2009 });
    expect(await sandbox('GET', `/_sandbox/orders/${nowhere.orderId}`)).toMatchObject({ status: 9, cancelReasonCode: 2007 });
    expect(await orderCount()).toBe(orders);
  });

  it('is cancelled, restocked and refunded to the platform when the platform cancels it (a cancel sent as GET, twice)', async () => {
    const before = await stockAt(t.token, c.stores.e2, [c.skus.cola500]);
    const placed = await push({ appId, type: 'order', storeCode: 'E002', lines: [{ skuCode: 'COLA-500', spuCode: 'SPU-COLA', name: '可乐500ml', quantity: 3, price: 4 }] });
    const [order] = (await ordersOf(c.stores.e2)).filter((o) => o.externalRef === `meituan:${placed.orderId}`);
    expect((await stockAt(t.token, c.stores.e2, [c.skus.cola500])).get(c.skus.cola500)!.onHand).toBe(before.get(c.skus.cola500)!.onHand - 3);
    for (let i = 0; i < 2; i++) expect(await push({ appId, type: 'cancel', orderId: placed.orderId, method: 'GET', reasonCode: '1101' })).toMatchObject({ status: 200, body: { data: 'ok' } });
    const cancelled = ok('order', await call('GET', `/v1/orders/${order.id}`, { token: t.token }));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: expect.stringContaining('Meituan 1101'), refundedAmount: cancelled.paidAmount });
    expect(cancelled.paidAmount).toBeGreaterThan(0);
    expect(await stockAt(t.token, c.stores.e2, [c.skus.cola500])).toEqual(before);
    // A completion reported after the cancel is behind it: acknowledged, nothing moves.
    expect(await push({ appId, type: 'status', orderId: placed.orderId, status: 8 })).toMatchObject({ status: 200, body: { data: 'ok' } });
    expect(ok('order', await call('GET', `/v1/orders/${order.id}`, { token: t.token })).status).toBe('cancelled');
  });

  it("names its tenant only by its app: another chain's push for our store code reaches none of our stores", async () => {
    const other = others[1];
    const otherApp = String(randomInt(1e8, 1e9));
    ok('credentials', await connect(other, otherApp, 'other-secret-1'));
    const orders = await orderCount();
    const res = await push({ appId: otherApp, type: 'order', storeCode: 'E001', lines: [cola(1)] });
    expect(res).toMatchObject({ status: 200, body: { data: 'ok' } });
    expect(await sandbox('GET', `/_sandbox/orders/${res.orderId}`)).toMatchObject({ status: 9, cancelReasonCode: 2007 });
    expect(await orderCount()).toBe(orders);
  });
});

describe('stock pushed to the platform', () => {
  it('sends absolute levels net of holds and safety stock, at most one call per store every 2 s and 5 a second per app', async () => {
    const extra = await seedStores(t, 3, 'direct', 'M');
    const skus = [c.skus.cola330, c.skus.cola500, c.skus.water];
    const receipts = extra.stores.map((s) => call('POST', '/v1/stock/movements', { token: t.token, body: { locationId: s.id, type: 'receipt', lines: skus.map((skuId) => ({ skuId, quantity: 9 })) } }));
    for (const res of await Promise.all(receipts)) ok('receipt', res, 201);
    ok('policy', await call('PUT', '/v1/stock/policies', { token: t.token, body: { locationId: c.stores.e1, skus: [{ skuId: c.skus.water, safetyStock: 4 }] } }));
    await list(t, { stores: extra.stores.map((s: any) => ({ storeId: s.id, listed: true })) });
    const stores = [...extra.stores.map((s: any) => ({ id: s.id as string, code: s.code as string })), { id: c.stores.e1, code: 'E001' }, { id: c.stores.e2, code: 'E002' }, { id: c.stores.w1, code: 'W001' }];
    const start = Date.now();
    // Six stores change at once (one more than the bucket holds), and one of them again straight after.
    await Promise.all(stores.map((s) => call('POST', '/v1/stock/movements', { token: t.token, body: { locationId: s.id, type: 'receipt', lines: [{ skuId: c.skus.cola330, quantity: 1 }] } })));
    ok('receipt', await call('POST', '/v1/stock/movements', { token: t.token, body: { locationId: c.stores.e1, type: 'receipt', lines: [{ skuId: c.skus.water, quantity: 1 }] } }), 201);
    await Promise.all(stores.map((s) => stockSettled(s.code, s.id)));

    const all = await calls(appId, 'retail/sku/stock');
    expect(all.every((k) => k.verified && !k.throttled && k.answer.result_code === 1)).toBe(true);
    const times = all.map((k) => k.at);
    // A token bucket of 5 a second holding 5: any run of calls fits 5 + 5 × its seconds (50 ms for the wire).
    for (let i = 0; i < times.length; i++) for (let j = i + 1; j < times.length; j++) expect(j - i + 1).toBeLessThanOrEqual(5 + (5 * (times[j]! - times[i]! + 50)) / 1000);
    for (const s of stores) {
      const mine = all.filter((k) => k.params.app_poi_code === s.code).map((k) => k.at);
      for (let i = 1; i < mine.length; i++) expect(mine[i]! - mine[i - 1]!).toBeGreaterThanOrEqual(2_000 - 50);
    }
    const recent = all.filter((k) => k.at >= start);
    expect(new Set(recent.map((k) => k.params.app_poi_code))).toEqual(new Set(stores.map((s) => s.code)));
    // E001's water: 20 received, 1 sold to the first order, 4 kept back, 1 more received.
    const e1 = recent.filter((k) => k.params.app_poi_code === 'E001').flatMap((k) => k.params.food_data.flatMap((g: any) => g.skus));
    expect(e1.filter((s: any) => s.sku_id === 'WATER-550').at(-1)).toEqual({ sku_id: 'WATER-550', stock: String(20 - 1 - 4 + 1) });
  });

  it('backs off when the platform throttles, then sends what the throttled call could not', async () => {
    await sandbox('POST', `/_sandbox/apps/${appId}/throttle`, { calls: 1 });
    const start = Date.now();
    ok('receipt', await call('POST', '/v1/stock/movements', { token: t.token, body: { locationId: c.stores.w1, type: 'receipt', lines: [{ skuId: c.skus.water, quantity: 2 }] } }), 201);
    await stockSettled('W001', c.stores.w1);
    const w1 = (await calls(appId, 'retail/sku/stock')).filter((k) => k.at >= start && k.params.app_poi_code === 'W001');
    expect(w1[0]!.throttled).toBe(true);
    expect(w1.at(-1)).toMatchObject({ throttled: false, answer: { result_code: 1 } });
    expect(w1.at(-1)!.at - w1[0]!.at).toBeGreaterThanOrEqual(1_000);
  });
});

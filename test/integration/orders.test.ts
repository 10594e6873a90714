// Orders through the real API on the local engines: a till's cash checkout in one request, an
// online order's hold, payment, fulfilment and return, cancellations either side of payment, the
// Idempotency-Key rules, and every kind of bad order refused with nothing written.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, newUser, type TestTenant } from '../support/api.ts';
import { pricingKit, type PricedChain } from '../support/pricing.ts';
import { ok, payCash, placeOrder, step, stockAt, stockedChain } from '../support/orders.ts';
import { manualClock, stockKit } from '../support/stock.ts';

const { tenant, refused } = pricingKit();
let t: TestTenant;
let c: PricedChain;
let cashier: { token: string };

beforeAll(async () => {
  t = await tenant('orders');
  c = await stockedChain(t, 20);
  cashier = await newUser(t, 'cashier', [c.stores.e1]);
});

const events = async (orderId: string) => {
  const res = await call('GET', '/v1/tenant/events?limit=100', { token: t.token });
  return res.body.data.filter((e: any) => e.payload.orderId === orderId).map((e: any) => e.type).sort();
};

describe('a till checkout', () => {
  it('prices on the server, takes cash with change, sells the stock and completes, in one request', async () => {
    const before = await stockAt(t.token, c.stores.e1, [c.skus.cola330, c.skus.water]);
    const res = await placeOrder(cashier.token, {
      storeId: c.stores.e1,
      channel: 'pos',
      lines: [{ skuId: c.skus.cola330, quantity: 2, unitPrice: 1 }, { skuId: c.skus.water, quantity: 1 }, { skuId: c.skus.cola330, quantity: 1 }],
      payment: { flow: 'cash', tendered: 2000 },
    });
    const order = ok('checkout', res, 201);
    expect(order).toMatchObject({ status: 'completed', channel: 'pos', fulfilmentType: 'instore', number: expect.stringMatching(/^P\d{4}-\d{3}$/), total: 1100, paidAmount: 1100, currency: 'CNY' });
    // Lines of one SKU are one line; the client's unit price is ignored.
    expect(order.lines.map((l: any) => [l.skuId, l.quantity, l.unitPrice, l.amount])).toEqual([[c.skus.cola330, 3, 300, 900], [c.skus.water, 1, 200, 200]]);
    expect(order.payments).toEqual([expect.objectContaining({ provider: 'cash', status: 'succeeded', amount: 1100, tendered: 2000, change: 900 })]);
    const after = await stockAt(t.token, c.stores.e1, [c.skus.cola330, c.skus.water]);
    expect(after.get(c.skus.cola330)!.onHand).toBe(before.get(c.skus.cola330)!.onHand - 3);
    expect(after.get(c.skus.water)!.onHand).toBe(before.get(c.skus.water)!.onHand - 1);
    await eventually(async () => ((await events(order.id)).length === 3 ? true : undefined));
    expect(await events(order.id)).toEqual(['order.completed', 'order.created', 'order.paid']);
    expect(ok('get', await call('GET', `/v1/orders/${order.id}`, { token: cashier.token }))).toEqual(order);
  });

  it('never refuses a sale for the count: stock below zero is announced for a stocktake', async () => {
    const store = c.stores.e2;
    const { onHand } = (await stockAt(t.token, store, [c.skus.chips135])).get(c.skus.chips135)!;
    const order = ok('checkout', await placeOrder(t.token, { storeId: store, channel: 'pos', lines: [{ skuId: c.skus.chips135, quantity: onHand + 2 }], payment: { flow: 'cash' } }), 201);
    expect(order.status).toBe('completed');
    expect((await stockAt(t.token, store, [c.skus.chips135])).get(c.skus.chips135)!.onHand).toBe(-2);
    await eventually(async () => {
      const res = await call('GET', '/v1/tenant/events?limit=100', { token: t.token });
      return res.body.data.find((e: any) => e.type === 'stock.negative' && e.payload.reference === order.id);
    });
  });

  it('pays in parts (split tender) and is paid only when the payments cover it', async () => {
    const order = ok('order', await placeOrder(cashier.token, { storeId: c.stores.e1, channel: 'pos', lines: [{ skuId: c.skus.water, quantity: 5 }] }), 201);
    expect(order).toMatchObject({ status: 'pending_payment', total: 1000, paidAmount: 0 });
    const first = ok('first', await payCash(cashier.token, order.id, { amount: 400 }), 201);
    expect(first).toMatchObject({ status: 'succeeded', amount: 400 });
    expect(ok('get', await call('GET', `/v1/orders/${order.id}`, { token: cashier.token }))).toMatchObject({ status: 'pending_payment', paidAmount: 400 });
    await refused(() => payCash(cashier.token, order.id, { amount: 601 }), 422, 'amount_exceeds_balance');
    await refused(() => payCash(cashier.token, order.id, { tendered: 500 }), 422, 'insufficient_tender');
    ok('rest', await payCash(cashier.token, order.id, { tendered: 1000 }), 201);
    const paid = ok('get', await call('GET', `/v1/orders/${order.id}`, { token: cashier.token }));
    expect(paid).toMatchObject({ status: 'completed', paidAmount: 1000 });
    expect(paid.payments.map((p: any) => [p.amount, p.change])).toEqual([[400, 0], [600, 400]]);
    await refused(() => payCash(cashier.token, order.id), 409, 'invalid_state');
  });
});

describe('an online order', () => {
  it('holds its stock (lines of a SKU added together), is paid, picked, packed, handed over against its code and completed', async () => {
    const store = c.stores.w1;
    const before = (await stockAt(t.token, store, [c.skus.cola500])).get(c.skus.cola500)!;
    // Two lines of 15 each: 30 is more than the 20 there, though each line alone fits.
    const short = await refused(() => placeOrder(t.token, { storeId: store, channel: 'online', lines: [{ skuId: c.skus.cola500, quantity: 15 }, { skuId: c.skus.cola500, quantity: 15 }] }), 409, 'insufficient_stock');
    expect(short.body.error.details).toEqual([expect.objectContaining({ skuId: c.skus.cola500, requested: 30, available: before.available })]);

    const order = ok('order', await placeOrder(t.token, { storeId: store, channel: 'online', lines: [{ skuId: c.skus.cola500, quantity: 2 }], fulfilment: { type: 'pickup' } }), 201);
    expect(order).toMatchObject({ status: 'pending_payment', fulfilmentType: 'pickup', pickupCode: expect.stringMatching(/^\d{6}$/), expiresAt: expect.any(String), fulfilment: null });
    expect(Date.parse(order.expiresAt) - Date.parse(order.createdAt)).toBe(15 * 60_000);
    expect((await stockAt(t.token, store, [c.skus.cola500])).get(c.skus.cola500)).toMatchObject({ onHand: before.onHand, reserved: before.reserved + 2 });
    await refused(() => payCash(t.token, order.id, { amount: 100 }), 422, 'partial_payment_unavailable');

    ok('pay', await payCash(t.token, order.id), 201);
    const paid = ok('get', await call('GET', `/v1/orders/${order.id}`, { token: t.token }));
    expect(paid).toMatchObject({ status: 'paid', paidAmount: 800, fulfilment: { status: 'open', pickupCode: order.pickupCode, type: 'pickup' } });
    expect(paid.expiresAt).toBeUndefined();
    expect((await stockAt(t.token, store, [c.skus.cola500])).get(c.skus.cola500)).toMatchObject({ onHand: before.onHand - 2, reserved: before.reserved });

    const staff = await newUser(t, 'store_manager', [store]);
    const id = paid.fulfilment.id;
    expect((await step(t.token, id, 'pick')).status).toBe(403);
    expect((await step(cashier.token, id, 'pick')).status).toBe(404);
    ok('pick', await step(staff.token, id, 'pick'));
    expect(ok('get', await call('GET', `/v1/orders/${order.id}`, { token: t.token })).status).toBe('fulfilling');
    await refused(() => step(staff.token, id, 'handover', { pickupCode: order.pickupCode }), 409, 'invalid_state');
    ok('pack', await step(staff.token, id, 'pack'));
    const wrong = order.pickupCode === '000000' ? '000001' : '000000';
    await refused(() => step(staff.token, id, 'handover', { pickupCode: wrong }), 422, 'wrong_pickup_code');
    ok('handover', await step(staff.token, id, 'handover', { pickupCode: order.pickupCode }));
    await refused(() => call('POST', `/v1/orders/${order.id}/cancel`, { token: t.token, body: {} }), 409, 'invalid_state');
    const done = ok('complete', await step(staff.token, id, 'complete'));
    expect(done).toMatchObject({ status: 'completed', secondsToPick: expect.any(Number), secondsToHandover: expect.any(Number) });
    expect(ok('get', await call('GET', `/v1/orders/${order.id}`, { token: t.token })).status).toBe('completed');
    const list = ok('fulfilments', await call('GET', `/v1/fulfilments?storeId=${store}&status=completed`, { token: staff.token }));
    expect(list.data.map((f: any) => f.id)).toContain(id);
  });

  it('gives its hold back when cancelled unpaid, and restocks and refunds when cancelled paid', async () => {
    const store = c.stores.w1;
    const level = async () => (await stockAt(t.token, store, [c.skus.chips70])).get(c.skus.chips70)!;
    const start = await level();
    const unpaid = ok('order', await placeOrder(t.token, { storeId: store, channel: 'online', lines: [{ skuId: c.skus.chips70, quantity: 3 }] }), 201);
    const cancelled = ok('cancel', await call('POST', `/v1/orders/${unpaid.id}/cancel`, { token: t.token, body: { reason: 'changed mind' } }));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'changed mind', refundedAmount: 0 });
    expect(await level()).toMatchObject({ onHand: start.onHand, reserved: start.reserved });
    expect(ok('again', await call('POST', `/v1/orders/${unpaid.id}/cancel`, { token: t.token, body: {} })).status).toBe('cancelled');

    const paid = ok('order', await placeOrder(t.token, { storeId: store, channel: 'online', lines: [{ skuId: c.skus.chips70, quantity: 3 }], fulfilment: { type: 'delivery', address: '1 Nanjing Rd' } }), 201);
    ok('pay', await payCash(t.token, paid.id), 201);
    expect((await level()).onHand).toBe(start.onHand - 3);
    const back = ok('cancel', await call('POST', `/v1/orders/${paid.id}/cancel`, { token: t.token, body: {} }));
    expect(back).toMatchObject({ status: 'cancelled', refundedAmount: paid.total, fulfilment: { status: 'cancelled' } });
    expect(back.refunds).toEqual([expect.objectContaining({ amount: paid.total, status: 'succeeded' })]);
    expect(await level()).toMatchObject({ onHand: start.onHand, reserved: start.reserved });
    await eventually(async () => ((await events(paid.id)).includes('order.refunded') ? true : undefined));
  });
});

describe('an unpaid online order', () => {
  it('expires with its hold through the reservation sweeper, and can no longer be paid', async () => {
    const store = c.stores.w1;
    const level = async () => (await stockAt(t.token, store, [c.skus.water])).get(c.skus.water)!;
    const start = await level();
    const order = ok('order', await placeOrder(t.token, { storeId: store, channel: 'online', lines: [{ skuId: c.skus.water, quantity: 4 }] }), 201);
    expect((await level()).reserved).toBe(start.reserved + 4);
    const clock = manualClock(Date.parse(order.expiresAt));
    const kit = await stockKit(clock);
    const [{ expireDueReservations }, { orderExpiry }] = await Promise.all([import('../../domain/inventory/reservations/reservation-expiry.ts'), import('../../domain/orders/expire-order.ts')]);
    const swept = await expireDueReservations(t.tenantId, kit.deps, orderExpiry(kit.deps));
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    const expired = ok('get', await call('GET', `/v1/orders/${order.id}`, { token: t.token }));
    expect(expired).toMatchObject({ status: 'cancelled', cancelReason: 'expired', cancelledAt: clock.now().toISOString() });
    expect(expired.expiresAt).toBeUndefined();
    expect(await level()).toMatchObject({ onHand: start.onHand, reserved: start.reserved });
    await refused(() => payCash(t.token, order.id), 409, 'invalid_state');
    await eventually(async () => ((await events(order.id)).includes('order.expired') ? true : undefined));
  });
});

describe('returns', () => {
  it('give back part of a line, never more than was sold, refunding by amount', async () => {
    const order = ok('checkout', await placeOrder(t.token, { storeId: c.stores.e1, channel: 'pos', lines: [{ skuId: c.skus.cola330, quantity: 3 }], payment: { flow: 'cash' } }), 201);
    const level = async () => (await stockAt(t.token, c.stores.e1, [c.skus.cola330])).get(c.skus.cola330)!.onHand;
    const start = await level();
    const first = ok('return', await call('POST', `/v1/orders/${order.id}/returns`, { token: t.token, body: { lines: [{ skuId: c.skus.cola330, quantity: 1 }], reason: 'dented' } }), 201);
    expect(first).toMatchObject({ amount: 300, refunds: [expect.objectContaining({ amount: 300, status: 'succeeded' })] });
    expect(await level()).toBe(start + 1);
    expect(ok('get', await call('GET', `/v1/orders/${order.id}`, { token: t.token }))).toMatchObject({ status: 'partially_refunded', refundedAmount: 300, lines: [expect.objectContaining({ returnedQuantity: 1 })] });
    const over = await refused(() => call('POST', `/v1/orders/${order.id}/returns`, { token: t.token, body: { lines: [{ skuId: c.skus.cola330, quantity: 3 }], reason: 'x' } }), 422, 'return_exceeds_sold');
    expect(over.body.error.details).toEqual([{ skuId: c.skus.cola330, requested: 3, returnable: 2 }]);
    // Two returns of the last two units race: exactly one passes.
    const racing = await Promise.all([1, 2].map(() => call('POST', `/v1/orders/${order.id}/returns`, { token: t.token, body: { lines: [{ skuId: c.skus.cola330, quantity: 2 }], reason: 'race' } })));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 422]);
    const final = ok('get', await call('GET', `/v1/orders/${order.id}`, { token: t.token }));
    expect(final).toMatchObject({ status: 'refunded', refundedAmount: 900 });
    expect(final.returns).toHaveLength(2);
    expect(await level()).toBe(start + 3);
  });
});

describe('exactly once', () => {
  it('requires an Idempotency-Key and replays the first answer', async () => {
    const body = { storeId: c.stores.e1, channel: 'pos', lines: [{ skuId: c.skus.water, quantity: 1 }], payment: { flow: 'cash' } };
    await refused(() => placeOrder(t.token, body, null), 400, 'validation_failed');
    const first = await placeOrder(t.token, body, 'checkout-once');
    const again = await placeOrder(t.token, body, 'checkout-once');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    await refused(() => placeOrder(t.token, { ...body, lines: [{ skuId: c.skus.water, quantity: 2 }] }, 'checkout-once'), 409, 'idempotency_key_reused');
  });
});

describe('bad orders', () => {
  const order = (over: Record<string, unknown>) => ({ storeId: c.stores.e1, channel: 'online', lines: [{ skuId: c.skus.water, quantity: 1 }], ...over });
  it.each([
    ['an unknown SKU', () => order({ lines: [{ skuId: 'sku_01JZZZZZZZZZZZZZZZZZZZZZZZ', quantity: 1 }] })],
    ['a zero quantity', () => order({ lines: [{ skuId: c.skus.water, quantity: 0 }] })],
    ['a negative quantity', () => order({ lines: [{ skuId: c.skus.water, quantity: -1 }] })],
    ['a fractional quantity', () => order({ lines: [{ skuId: c.skus.water, quantity: 1.5 }] })],
    ['500 lines', () => order({ lines: Array.from({ length: 500 }, () => ({ skuId: c.skus.water, quantity: 1 })) })],
    ['an unknown channel', () => order({ channel: 'phone' })],
    ['a delivery without an address', () => order({ fulfilment: { type: 'delivery' } })],
    ['a payment on an online order', () => order({ payment: { flow: 'cash' } })],
  ])('refuses %s with 400 and writes nothing', async (_, body) => {
    await refused(() => placeOrder(t.token, body()), 400, 'validation_failed');
  });

  it('refuses another tenant’s SKU and store, and a store-scoped caller’s other store, as not there', async () => {
    const other = await tenant('orders-other');
    const theirs = await stockedChain(other, 1);
    await refused(() => placeOrder(t.token, order({ lines: [{ skuId: theirs.skus.water, quantity: 1 }] })), 400, 'validation_failed');
    await refused(() => placeOrder(t.token, order({ storeId: theirs.stores.e1 })), 404, 'not_found');
    await refused(() => placeOrder(cashier.token, order({ storeId: c.stores.e2, channel: 'pos' })), 404, 'not_found');
  });
});

describe('lists', () => {
  it('list a store’s orders by business day, newest first, filtered by status and channel', async () => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const res = ok('list', await call('GET', `/v1/orders?storeId=${c.stores.e1}&from=${day}&to=${day}&channel=pos&status=completed`, { token: cashier.token }));
    expect(res.data.length).toBeGreaterThan(0);
    expect(res.data.every((o: any) => o.storeId === c.stores.e1 && o.status === 'completed' && o.channel === 'pos' && o.businessDay === day)).toBe(true);
    const times = res.data.map((o: any) => o.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const chain = ok('chain', await call('GET', `/v1/orders?from=${day}`, { token: t.token }));
    expect(new Set(chain.data.map((o: any) => o.storeId)).size).toBeGreaterThan(1);
    expect((await call('GET', `/v1/orders?storeId=${c.stores.e2}`, { token: cashier.token })).status).toBe(404);
  });
});

// A flash sale through the API: many more concurrent buyers than units of one SKU online. Exactly
// as many orders as units, every other buyer a 409 insufficient_stock, nothing else (the test
// client waits out the request quota's 429s, as a buyer's app would). 100 buyers for 10 units in
// `npm test`; 1,000 for the last 100 in `npm run test:soak`. At most 25 (soak: 50) are in flight at once:
// DynamoDB Local serves calls largely one after another, so a thousand at once would only measure
// its queue against the functions' timeouts.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, newTenant } from '../support/api.ts';
import { ok, stockAt } from '../support/orders.ts';
import { runs } from '../support/soak.ts';
import { forEachConcurrent } from '../../domain/shared/concurrency.ts';

const UNITS = runs(10, 100);
const BUYERS = UNITS * 10;
const IN_FLIGHT = runs(25, 50);

describe('a flash sale', () => {
  it(`sells exactly the last ${UNITS} units to ${BUYERS} concurrent buyers`, async () => {
    const t = await newTenant('flash');
    const region = ok('region', await call('POST', '/v1/regions', { token: t.token, body: { name: 'Flash' } }), 201);
    const store = ok('store', await call('POST', '/v1/stores', { token: t.token, body: { code: 'FLASH', name: 'Flash', regionId: region.id, ownership: 'direct', address: '1 Flash Rd' } }), 201).id as string;
    const skuId = ok('product', await call('POST', '/v1/products', { token: t.token, body: { name: '茅台', skus: [{ code: 'MOUTAI', unit: '瓶', listPrice: 149_900 }] } }), 201).skus[0].id as string;
    ok('receipt', await call('POST', '/v1/stock/movements', { token: t.token, body: { locationId: store, type: 'receipt', lines: [{ skuId, quantity: UNITS }] } }), 201);

    const statuses: number[] = [];
    const codes = new Map<string, number>();
    await forEachConcurrent(
      Array.from({ length: BUYERS }, (_, i) => i),
      IN_FLIGHT,
      async () => {
        const res = await call('POST', '/v1/orders', { token: t.token, headers: { 'idempotency-key': randomUUID() }, body: { storeId: store, channel: 'online', lines: [{ skuId, quantity: 1 }] } });
        statuses.push(res.status);
        if (res.status !== 201) codes.set(res.body.error?.code, (codes.get(res.body.error?.code) ?? 0) + 1);
      },
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(UNITS);
    expect(Object.fromEntries(codes)).toEqual({ insufficient_stock: BUYERS - UNITS });
    expect((await stockAt(t.token, store, [skuId])).get(skuId)).toMatchObject({ onHand: UNITS, reserved: UNITS, available: 0 });
    const listed = ok('orders', await call('GET', `/v1/orders?storeId=${store}&limit=100`, { token: t.token }));
    expect(listed.data).toHaveLength(UNITS);
  }, 600_000);
});

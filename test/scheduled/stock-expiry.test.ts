// The expiry sweeper as deployed: the local cloud fires the scheduled function every minute, as
// EventBridge would, and it ends a reservation whose deadline has passed, through the registry
// entry the chain's first reservation wrote, giving the units back.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, seedStores, type TestTenant } from '../support/api.ts';
import { catalogKit, product } from '../support/catalog.ts';

let chain: TestTenant;
let store: string;
let skuId: string;
const { tenant, createProduct } = catalogKit();

beforeAll(async () => {
  chain = await tenant('expiry');
  store = (await seedStores(chain, 1)).stores[0]!.id;
  skuId = (await createProduct(product('关东煮', [{ code: 'ODEN-1', unit: '串', listPrice: 300 }]))).skus[0].id;
  await call('POST', '/v1/stock/movements', { token: chain.token, body: { locationId: store, type: 'receipt', lines: [{ skuId, quantity: 4 }] } });
});

describe('the scheduled reservation sweeper', () => {
  it('expires a reservation within a minute or two of its deadline and gives its units back', async () => {
    const held = (await call('POST', '/v1/stock/reservations', { token: chain.token, body: { locationId: store, channel: 'online', lines: [{ skuId, quantity: 3 }], ttlSeconds: 60 } })).body;
    expect((await call('GET', `/v1/stock?locationId=${store}&skuIds=${skuId}`, { token: chain.token })).body.data[0]).toMatchObject({ onHand: 4, reserved: 3 });
    const ended = await eventually(async () => {
      const r = (await call('GET', `/v1/stock/reservations/${held.id}`, { token: chain.token })).body;
      return r.status === 'active' ? undefined : r;
    }, 180_000, 2_000);
    expect(ended).toMatchObject({ status: 'expired', closedAt: expect.any(String) });
    expect(Date.parse(ended.closedAt)).toBeGreaterThanOrEqual(Date.parse(held.expiresAt));
    expect((await call('GET', `/v1/stock?locationId=${store}&skuIds=${skuId}`, { token: chain.token })).body.data[0]).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
  }, 240_000);
});

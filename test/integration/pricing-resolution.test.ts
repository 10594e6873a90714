// GET /v1/prices/resolve through the real API: which list wins by priority, scope (region, store,
// channel), window and membership, how the source is explained, and who may resolve where.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newUser, type TestTenant } from '../support/api.ts';
import { createList, patchList, pricedChain, pricesAt, pricingKit, resolve, type PricedChain } from '../support/pricing.ts';

const { tenant, refused } = pricingKit();
let t: TestTenant;
let c: PricedChain;
const AT = '2030-03-14T04:00:00.000Z';
const lists: Record<string, string> = {};

beforeAll(async () => {
  t = await tenant('resolve');
  c = await pricedChain(t);
  const { skus, regions, stores } = c;
  const make = async (key: string, body: Record<string, unknown>) => (lists[key] = (await createList(t, { name: `List ${key}`, ...body })).id);
  await make('chain', { priority: 10, prices: [{ skuId: skus.cola330, amount: 280 }, { skuId: skus.chips70, amount: 600 }] });
  await make('east', { priority: 20, scope: { regionIds: [regions.east] }, prices: [{ skuId: skus.cola330, amount: 260 }] });
  await make('e2pos', { priority: 30, scope: { storeIds: [stores.e2], channels: ['pos'] }, prices: [{ skuId: skus.cola330, amount: 250 }] });
  await make('online', { priority: 40, scope: { channels: ['online'] }, prices: [{ skuId: skus.cola330, amount: 240 }] });
});

const at = (storeId: string, channel: string, skuIds: string[], extra: Record<string, string> = {}) =>
  pricesAt(t.token, { storeId, channel, skuIds: skuIds.join(','), at: AT, ...extra });

describe('price resolution', () => {
  it('takes the highest-priority list whose scope covers the store and channel, else the list price', async () => {
    const { skus, stores } = c;
    const basket = [skus.cola330, skus.chips70, skus.water];
    expect(await at(stores.e1, 'pos', basket)).toEqual([[260, lists.east], [600, lists.chain], [200, 'list']]);
    expect(await at(stores.e2, 'pos', basket)).toEqual([[250, lists.e2pos], [600, lists.chain], [200, 'list']]);
    expect(await at(stores.e2, 'delivery', [skus.cola330])).toEqual([[260, lists.east]]);
    expect(await at(stores.e2, 'online', [skus.cola330])).toEqual([[240, lists.online]]);
    expect(await at(stores.w1, 'pos', [skus.cola330])).toEqual([[280, lists.chain]]);
  });

  it('explains the source: the list with its version, name, kind and priority, or the list price', async () => {
    const res = await resolve(t.token, { storeId: c.stores.e1, channel: 'pos', skuIds: `${c.skus.cola330},${c.skus.water}`, at: AT });
    expect(res.body).toEqual({
      storeId: c.stores.e1,
      channel: 'pos',
      member: false,
      at: AT,
      data: [
        { skuId: c.skus.cola330, amount: 260, currency: 'CNY', listPrice: 300, source: { type: 'price_list', id: lists.east, version: 1, name: 'List east', kind: 'standard', priority: 20 } },
        { skuId: c.skus.water, amount: 200, currency: 'CNY', listPrice: 200, source: { type: 'list_price' } },
      ],
    });
  });

  it('applies a dated list only inside its window (from inclusive, to exclusive), at the moment asked', async () => {
    const id = (await createList(t, { name: 'Promo week', priority: 50, scope: { storeIds: [c.stores.w1] }, validFrom: '2030-03-14T00:00:00+08:00', validTo: '2030-03-21T00:00:00+08:00', prices: [{ skuId: c.skus.cola330, amount: 199 }] })).id;
    const when = (moment: string) => pricesAt(t.token, { storeId: c.stores.w1, channel: 'pos', skuIds: c.skus.cola330, at: moment });
    expect(await when('2030-03-13T15:59:59.999Z')).toEqual([[280, lists.chain]]);
    expect(await when('2030-03-13T16:00:00.000Z')).toEqual([[199, id]]);
    expect(await when('2030-03-20T16:00:00.000Z')).toEqual([[280, lists.chain]]);
    // Without `at` the moment is now, long before the window.
    const now = await resolve(t.token, { storeId: c.stores.w1, channel: 'pos', skuIds: c.skus.cola330 });
    expect(now.body.data[0].amount).toBe(280);
    expect(Date.parse(now.body.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('gives member prices to members only', async () => {
    const id = (await createList(t, { name: 'Members', kind: 'member', priority: 5, prices: [{ skuId: c.skus.cola500, amount: 350 }] })).id;
    expect(await at(c.stores.e1, 'pos', [c.skus.cola500])).toEqual([[400, 'list']]);
    expect(await at(c.stores.e1, 'pos', [c.skus.cola500], { member: 'true' })).toEqual([[350, id]]);
    const res = await resolve(t.token, { storeId: c.stores.e1, channel: 'pos', skuIds: c.skus.cola500, at: AT, member: 'true' });
    expect(res.body.data[0].source).toMatchObject({ kind: 'member', priority: 5 });
  });

  it('never applies a draft, applies it once activated, and stops applying an archived list at once', async () => {
    const draft = await createList(t, { name: 'Draft', status: 'draft', priority: 90, prices: [{ skuId: c.skus.chips135, amount: 999 }] });
    expect(draft).toMatchObject({ status: 'draft', version: 1 });
    expect(await at(c.stores.e1, 'pos', [c.skus.chips135])).toEqual([[1100, 'list']]);
    await patchList(t, draft.id, { status: 'active' });
    expect(await at(c.stores.e1, 'pos', [c.skus.chips135])).toEqual([[999, draft.id]]);
    await patchList(t, draft.id, { status: 'archived' });
    expect(await at(c.stores.e1, 'pos', [c.skus.chips135])).toEqual([[1100, 'list']]);
  });

  it('lets store staff resolve at their own stores only; other stores and tenants are 404', async () => {
    const cashier = await newUser(t, 'cashier', [c.stores.e1]);
    const engineer = await newUser(t, 'field_engineer');
    expect(await pricesAt(cashier.token, { storeId: c.stores.e1, channel: 'pos', skuIds: c.skus.cola330, at: AT })).toEqual([[260, lists.east]]);
    expect(await pricesAt(engineer.token, { storeId: c.stores.e2, channel: 'delivery', skuIds: c.skus.cola330, at: AT })).toEqual([[260, lists.east]]);
    await refused(() => resolve(cashier.token, { storeId: c.stores.e2, channel: 'pos', skuIds: c.skus.cola330 }), 404, 'not_found');
    const other = await tenant('resolve-other');
    await refused(() => resolve(other.token, { storeId: c.stores.e1, channel: 'pos', skuIds: c.skus.cola330 }), 404, 'not_found');
    await refused(() => resolve(t.token, { storeId: 'sto_01JC0000000000000000000000', channel: 'pos', skuIds: c.skus.cola330 }), 404, 'not_found');
  });

  it("refuses unknown and another chain's SKUs by position, and malformed queries", async () => {
    const other = await tenant('resolve-skus');
    const foreign = await call('POST', '/v1/products', { token: other.token, body: { name: 'F', skus: [{ code: 'F-1', unit: '个', listPrice: 1 }] } });
    const res = await refused(
      () => resolve(t.token, { storeId: c.stores.e1, channel: 'pos', skuIds: [c.skus.cola330, 'sku_01JC0000000000000000000000', foreign.body.skus[0].id].join(',') }),
      400,
      'validation_failed',
    );
    expect(res.body.error.details).toEqual([
      { path: 'query.skuIds.1', message: 'No such SKU in this chain' },
      { path: 'query.skuIds.2', message: 'No such SKU in this chain' },
    ]);
    const bad = (query: Record<string, string>) => refused(() => resolve(t.token, query), 400, 'validation_failed');
    await bad({ storeId: c.stores.e1, channel: 'kiosk', skuIds: c.skus.cola330 });
    await bad({ storeId: c.stores.e1, channel: 'pos', skuIds: '' });
    await bad({ storeId: c.stores.e1, channel: 'pos', skuIds: `${c.skus.cola330},${c.skus.cola330}` });
    await bad({ storeId: c.stores.e1, channel: 'pos', skuIds: c.skus.cola330, at: 'yesterday' });
    await bad({ channel: 'pos', skuIds: c.skus.cola330 });
  });
});

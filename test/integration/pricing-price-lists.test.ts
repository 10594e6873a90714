// Price lists through the real API: creating and reading them, versions that move by one on every
// effective change without lost updates, archiving, idempotent creation, and every refusal
// writing nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newUser, seedStores, type TestTenant } from '../support/api.ts';
import { createList, patchList, priceSequence, pricedChain, pricesSettled, pricingKit, type PricedChain } from '../support/pricing.ts';

const { tenant, refused } = pricingKit();
let t: TestTenant;
let c: PricedChain;

beforeAll(async () => {
  t = await tenant('lists');
  c = await pricedChain(t);
});

const prices = async (id: string) => (await call('GET', `/v1/price-lists/${id}/prices?limit=100`, { token: t.token })).body.data.map((p: any) => [p.skuId, p.amount, p.version]);
const post = (body: unknown, token = t.token, headers: Record<string, string> = {}) => call('POST', '/v1/price-lists', { token, body, headers });
const patch = (id: string, body: unknown, token = t.token) => call('PATCH', `/v1/price-lists/${id}`, { token, body });

describe('price lists', () => {
  it('creates a list with its first prices and reads it back, its prices a page at a time', async () => {
    const before = await priceSequence(t);
    const body = {
      name: '华东区域价',
      priority: 20,
      scope: { regionIds: [c.regions.east], channels: ['pos'] },
      validFrom: '2030-01-01T08:00:00+08:00',
      validTo: '2031-01-01T00:00:00Z',
      prices: [{ skuId: c.skus.cola500, amount: 380 }, { skuId: c.skus.cola330, amount: 280 }],
    };
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^prl_[0-9A-Z]{26}$/),
      name: '华东区域价',
      kind: 'standard',
      priority: 20,
      scope: { regionIds: [c.regions.east], storeIds: [], channels: ['pos'] },
      validFrom: '2030-01-01T00:00:00.000Z',
      validTo: '2031-01-01T00:00:00.000Z',
      status: 'active',
      version: 1,
      lineCount: 2,
      promotion: null,
      currency: 'CNY',
      createdAt: expect.any(String),
      updatedAt: res.body.createdAt,
      priceSequence: before + 1,
    });
    const { priceSequence: _, ...view } = res.body;
    expect((await call('GET', `/v1/price-lists/${res.body.id}`, { token: t.token })).body).toEqual(view);
    const sorted = [c.skus.cola330, c.skus.cola500].sort();
    expect(await prices(res.body.id)).toEqual(sorted.map((id) => [id, id === c.skus.cola330 ? 280 : 380, 1]));
    const first = await call('GET', `/v1/price-lists/${res.body.id}/prices?limit=1`, { token: t.token });
    const rest = await call('GET', `/v1/price-lists/${res.body.id}/prices?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token: t.token });
    expect([...first.body.data, ...rest.body.data].map((p: any) => p.skuId)).toEqual(sorted);
    expect(first.body.data[0]).toMatchObject({ currency: 'CNY', version: 1 });
  });

  it('lists newest first, by kind and status', async () => {
    const member = await createList(t, { name: 'Members', kind: 'member', priority: 1, prices: [{ skuId: c.skus.water, amount: 180 }] });
    const draft = await createList(t, { name: 'Draft', status: 'draft', priority: 1 });
    const promo = await createList(t, { name: 'Crisps 10%', kind: 'promotion', priority: 0, promotion: { type: 'percent_off_category', categoryId: c.categories.crisps, rateBps: 1000 } });
    const ids = async (query: string) => (await call('GET', `/v1/price-lists${query}`, { token: t.token })).body.data.map((l: any) => l.id);
    expect((await ids('?limit=3'))).toEqual([promo.id, draft.id, member.id]);
    expect(await ids('?kind=member')).toEqual([member.id]);
    expect(await ids('?status=draft')).toEqual([draft.id]);
    expect(promo).toMatchObject({ kind: 'promotion', lineCount: 0, promotion: { type: 'percent_off_category', categoryId: c.categories.crisps, rateBps: 1000 } });
  });

  it('moves the version by one on every effective change, and not at all on a repeat', async () => {
    const list = await createList(t, { name: 'Versions', priority: 5, prices: [{ skuId: c.skus.cola330, amount: 290 }] });
    const sequence = await priceSequence(t);
    const v2 = await patchList(t, list.id, { prices: [{ skuId: c.skus.cola330, amount: 270 }, { skuId: c.skus.water, amount: 190 }] });
    expect(v2).toMatchObject({ version: 2, lineCount: 2, priceSequence: sequence + 1 });
    const repeat = await patchList(t, list.id, { prices: [{ skuId: c.skus.water, amount: 190 }], removeSkuIds: [c.skus.chips70] });
    expect(repeat).toMatchObject({ version: 2, priceSequence: sequence + 1 });
    const v3 = await patchList(t, list.id, { removeSkuIds: [c.skus.cola330], validTo: '2040-01-01T00:00:00Z', priority: 6 });
    expect(v3).toMatchObject({ version: 3, lineCount: 1, priority: 6, validTo: '2040-01-01T00:00:00.000Z' });
    expect(await prices(list.id)).toEqual([[c.skus.water, 190, 2]]);
    const v4 = await patchList(t, list.id, { validTo: null, expectedVersion: 3 });
    expect(v4).toMatchObject({ version: 4, validTo: null });
    const stale = await refused(() => patch(list.id, { priority: 1, expectedVersion: 3 }), 409, 'invalid_state');
    expect(stale.body.error.details).toEqual([{ expectedVersion: 3, version: 4 }]);
  });

  it('loses no update when two editors change one list at once', async () => {
    const list = await createList(t, { name: 'Race', priority: 5, prices: [{ skuId: c.skus.cola330, amount: 290 }] });
    const edits = [c.skus.cola500, c.skus.chips70, c.skus.chips135, c.skus.water].map((skuId, i) => patch(list.id, { prices: [{ skuId, amount: 100 + i }] }));
    const done = await Promise.all(edits);
    expect(done.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(done.map((r) => r.body.version).sort()).toEqual([2, 3, 4, 5]);
    const final = (await call('GET', `/v1/price-lists/${list.id}`, { token: t.token })).body;
    expect(final).toMatchObject({ version: 5, lineCount: 5 });
    expect((await prices(list.id)).length).toBe(5);
  });

  it('archives a list for good and then clears its prices', async () => {
    const list = await createList(t, { name: 'Old', priority: 5, prices: [{ skuId: c.skus.chips135, amount: 1000 }] });
    expect(await patchList(t, list.id, { status: 'archived' })).toMatchObject({ status: 'archived', version: 2 });
    await pricesSettled(t);
    expect(await prices(list.id)).toEqual([]);
    const res = await refused(() => patch(list.id, { status: 'active' }), 409, 'invalid_state');
    expect(res.body.error.message).toMatch(/archived/);
  });

  it('replays a creation sent again with its Idempotency-Key, and refuses the key with another body', async () => {
    const body = { name: 'Replayed', priority: 3, prices: [{ skuId: c.skus.water, amount: 150 }] };
    const key = { 'idempotency-key': `prl-${Date.now()}` };
    const first = await post(body, t.token, key);
    const sequence = await priceSequence(t);
    const again = await post(body, t.token, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await priceSequence(t)).toBe(sequence);
    await refused(() => post({ ...body, priority: 4 }, t.token, key), 409, 'idempotency_key_reused');
  });
});

describe('refusals', () => {
  it("refuses unknown and another chain's SKUs, stores, regions and categories by path, writing nothing", async () => {
    const other = await tenant('lists-other');
    const { regionId, stores } = await seedStores(other, 1);
    const foreign = await call('POST', '/v1/products', { token: other.token, body: { name: 'F', skus: [{ code: 'F-1', unit: '个', listPrice: 1 }] } });
    const res = await refused(
      () => post({
        name: 'Bad refs',
        priority: 1,
        scope: { regionIds: [c.regions.east, regionId], storeIds: [stores[0]!.id, 'sto_01JC0000000000000000000000'] },
        prices: [{ skuId: c.skus.water, amount: 1 }, { skuId: foreign.body.skus[0].id, amount: 1 }, { skuId: 'sku_01JC0000000000000000000000', amount: 1 }],
      }),
      400,
      'validation_failed',
    );
    expect(res.body.error.details).toEqual([
      { path: 'body.prices.1.skuId', message: 'No such SKU in this chain' },
      { path: 'body.prices.2.skuId', message: 'No such SKU in this chain' },
      { path: 'body.scope.regionIds.1', message: 'No such region in this chain' },
      { path: 'body.scope.storeIds.0', message: 'No such store in this chain' },
      { path: 'body.scope.storeIds.1', message: 'No such store in this chain' },
    ]);
    const promo = (rule: Record<string, unknown>) => post({ name: 'P', kind: 'promotion', priority: 0, promotion: rule });
    const cat = await refused(() => promo({ type: 'percent_off_category', categoryId: 'cat_01JC0000000000000000000000', rateBps: 500 }), 400, 'validation_failed');
    expect(cat.body.error.details).toEqual([{ path: 'body.promotion.categoryId', message: 'No such category in this chain' }]);
    const sku = await refused(() => promo({ type: 'buy_x_get_y', skuIds: [c.skus.cola330, foreign.body.skus[0].id], buy: 2, get: 1 }), 400, 'validation_failed');
    expect(sku.body.error.details).toEqual([{ path: 'body.promotion.skuIds.1', message: 'No such SKU in this chain' }]);
  });

  it('refuses malformed lists before reading anything', async () => {
    const line = (skuId: string, amount = 100) => ({ skuId, amount });
    const bad = async (body: Record<string, unknown>, path: string) => {
      const res = await refused(() => post({ name: 'Bad', priority: 1, ...body }), 400, 'validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    };
    await bad({ prices: [line(c.skus.water)], validFrom: '2030-01-02T00:00:00Z', validTo: '2030-01-02T00:00:00Z' }, 'body.validTo');
    await bad({ prices: [line(c.skus.water)], validFrom: '2030-01-02T00:00:00Z', validTo: '2030-01-01T00:00:00Z' }, 'body.validTo');
    await bad({ prices: [line(c.skus.water, -1)] }, 'body.prices.0.amount');
    await bad({ prices: [line(c.skus.water, 1.5)] }, 'body.prices.0.amount');
    await bad({ prices: [line(c.skus.water), line(c.skus.cola330), line(c.skus.water, 5)] }, 'body.prices.2.skuId');
    await bad({ prices: Array.from({ length: 91 }, () => line(c.skus.water)) }, 'body.prices');
    await bad({ prices: [] }, 'body.prices');
    await bad({ prices: [line(c.skus.water)], scope: { channels: ['kiosk'] } }, 'body.scope.channels.0');
    await bad({ prices: [line(c.skus.water)], scope: { storeIds: [c.stores.e1, c.stores.e1] } }, 'body.scope.storeIds.1');
    await bad({ kind: 'promotion' }, 'body.promotion');
    await bad({ kind: 'promotion', promotion: { type: 'percent_off_category', categoryId: c.categories.soda, rateBps: 100 }, prices: [line(c.skus.water)] }, 'body.prices');
    await bad({ kind: 'promotion', promotion: { type: 'percent_off_category', categoryId: c.categories.soda, rateBps: 10_001 } }, 'body.promotion.rateBps');
    await bad({ prices: [line(c.skus.water)], promotion: { type: 'buy_x_get_y', skuIds: [c.skus.water], buy: 1, get: 1 } }, 'body.promotion');
    await bad({ prices: [line('not-a-sku')] }, 'body.prices.0.skuId');
    await refused(() => post({ prices: [line(c.skus.water)] }), 400, 'validation_failed');
  });

  it('refuses changes the list as it is does not allow, and lists that are not there', async () => {
    const promo = await createList(t, { name: 'Promo', kind: 'promotion', priority: 0, validFrom: '2030-06-01T00:00:00Z', promotion: { type: 'buy_x_get_y', skuIds: [c.skus.cola330], buy: 2, get: 1 } });
    const standard = await createList(t, { name: 'Std', priority: 1, prices: [{ skuId: c.skus.water, amount: 100 }] });
    const path = async (id: string, body: unknown) => (await refused(() => patch(id, body), 400, 'validation_failed')).body.error.details[0].path;
    expect(await path(promo.id, { prices: [{ skuId: c.skus.water, amount: 1 }] })).toBe('body.prices');
    expect(await path(standard.id, { promotion: { type: 'buy_x_get_y', skuIds: [c.skus.water], buy: 1, get: 1 } })).toBe('body.promotion');
    expect(await path(promo.id, { validTo: '2030-05-01T00:00:00Z' })).toBe('body.validTo');
    expect(await path(standard.id, { prices: [{ skuId: 'sku_01JC0000000000000000000000', amount: 1 }] })).toBe('body.prices.0.skuId');
    expect(await path(standard.id, { prices: [{ skuId: c.skus.water, amount: 1 }], removeSkuIds: [c.skus.water] })).toBe('body.removeSkuIds.0');
    await refused(() => patch(standard.id, {}), 400, 'validation_failed');
    await refused(() => patch('prl_01JC0000000000000000000000', { priority: 2 }), 404, 'not_found');
    const other = await tenant('lists-neighbour');
    await refused(() => patch(standard.id, { priority: 2 }, other.token), 404, 'not_found');
    await refused(() => call('GET', `/v1/price-lists/${standard.id}`, { token: other.token }), 404, 'not_found');
    await refused(() => call('GET', `/v1/price-lists/${standard.id}/prices`, { token: other.token }), 404, 'not_found');
    expect((await call('GET', '/v1/price-lists', { token: other.token })).body.data).toEqual([]);
  });

  it('lets only HQ write and read price lists', async () => {
    const manager = await newUser(t, 'store_manager', [c.stores.e1]);
    await refused(() => post({ name: 'Mine', priority: 1, prices: [{ skuId: c.skus.water, amount: 1 }] }, manager.token), 403, 'forbidden');
    await refused(() => call('GET', '/v1/price-lists', { token: manager.token }), 403, 'forbidden');
  });
});

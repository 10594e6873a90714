// POST /v1/prices:quote through the real API: a basket's unit prices resolved per store, then the
// chain's live promotions in scope and window applied, each line its single best promotion, a
// department's promotion reaching its sub-categories' lines; quoting writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, itemCounts, newUser, type TestTenant } from '../support/api.ts';
import { allSettled, createList, patchList, pricedChain, pricingKit, type PricedChain } from '../support/pricing.ts';

const { tenant, refused } = pricingKit();
let t: TestTenant;
let c: PricedChain;
const promos: Record<string, string> = {};
const SATURDAY = '2030-03-16T03:00:00.000Z';
const MONDAY = '2030-03-18T03:00:00.000Z';

beforeAll(async () => {
  t = await tenant('quote');
  c = await pricedChain(t);
  const promo = async (key: string, body: Record<string, unknown>) => (promos[key] = (await createList(t, { name: `Promo ${key}`, kind: 'promotion', priority: 0, ...body })).id);
  await createList(t, { name: 'East', priority: 10, scope: { regionIds: [c.regions.east] }, prices: [{ skuId: c.skus.cola330, amount: 260 }] });
  await createList(t, { name: 'Members', kind: 'member', priority: 10, prices: [{ skuId: c.skus.cola500, amount: 350 }] });
  await promo('weekend', {
    validFrom: '2030-03-16T00:00:00+08:00',
    validTo: '2030-03-18T00:00:00+08:00',
    promotion: { type: 'percent_off_category', categoryId: c.categories.snacks, rateBps: 2000 },
  });
  await promo('b2g1', { promotion: { type: 'buy_x_get_y', skuIds: [c.skus.cola330, c.skus.cola500], buy: 2, get: 1 } });
  await promo('w1drinks', { scope: { storeIds: [c.stores.w1] }, promotion: { type: 'percent_off_category', categoryId: c.categories.drinks, rateBps: 5000 } });
  await promo('ended', { promotion: { type: 'percent_off_category', categoryId: c.categories.crisps, rateBps: 9000 } });
  await patchList(t, promos.ended!, { status: 'archived' });
});

const quote = (body: Record<string, unknown>, token = t.token) => call('POST', '/v1/prices:quote', { token, body: { channel: 'pos', ...body } });
const basket = [
  { skuId: () => c.skus.cola330, quantity: 3 },
  { skuId: () => c.skus.chips70, quantity: 2 },
  { skuId: () => c.skus.water, quantity: 1 },
];
const lines = () => basket.map((l) => ({ skuId: l.skuId(), quantity: l.quantity }));

describe('basket quotes', () => {
  it('resolves unit prices, then gives each line its best live promotion', async () => {
    const res = await quote({ storeId: c.stores.e1, at: SATURDAY, lines: lines() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ storeId: c.stores.e1, channel: 'pos', member: false, at: SATURDAY, currency: 'CNY' });
    expect(res.body.lines).toEqual([
      { skuId: c.skus.cola330, quantity: 3, unitPrice: 260, source: expect.objectContaining({ type: 'price_list', name: 'East' }), listTotal: 780, discount: 260, amount: 520, promotionId: promos.b2g1 },
      // 零食 at weekends reaches chips, filed under 零食 > 膨化食品.
      { skuId: c.skus.chips70, quantity: 2, unitPrice: 650, source: { type: 'list_price' }, listTotal: 1300, discount: 260, amount: 1040, promotionId: promos.weekend },
      { skuId: c.skus.water, quantity: 1, unitPrice: 200, source: { type: 'list_price' }, listTotal: 200, discount: 0, amount: 200, promotionId: null },
    ]);
    expect([res.body.subtotal, res.body.discountTotal, res.body.total]).toEqual([2280, 520, 1760]);
    expect(res.body.promotions).toEqual(
      [{ id: promos.b2g1!, name: 'Promo b2g1', version: 1 }, { id: promos.weekend!, name: 'Promo weekend', version: 1 }].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
  });

  it('applies promotions only inside their window and scope, and member prices to members', async () => {
    const monday = (await quote({ storeId: c.stores.e1, at: MONDAY, lines: lines() })).body;
    expect(monday.lines.map((l: any) => l.discount)).toEqual([260, 0, 0]);
    // At W1 the store's own 50% off drinks beats the free unit: 3 × 300 list price, half off.
    const w1 = (await quote({ storeId: c.stores.w1, at: MONDAY, lines: lines() })).body;
    expect(w1.lines[0]).toMatchObject({ unitPrice: 300, discount: 450, promotionId: promos.w1drinks });
    expect(w1.lines[2]).toMatchObject({ discount: 0 });
    const member = (await quote({ storeId: c.stores.e1, at: MONDAY, member: true, lines: [{ skuId: c.skus.cola500, quantity: 1 }] })).body;
    expect(member.lines[0]).toMatchObject({ unitPrice: 350, source: { kind: 'member' }, amount: 350 });
    expect(member.total).toBe(350);
  });

  it('writes nothing, and lets store staff quote at their own stores only', async () => {
    await allSettled(t);
    const before = await itemCounts();
    const cashier = await newUser(t, 'cashier', [c.stores.e1]);
    const after = await itemCounts();
    expect((await quote({ storeId: c.stores.e1, at: MONDAY, lines: lines() }, cashier.token)).status).toBe(200);
    expect(await itemCounts()).toEqual(after);
    expect(after).not.toEqual(before);
    await refused(() => quote({ storeId: c.stores.e2, lines: lines() }, cashier.token), 404, 'not_found');
    const other = await tenant('quote-other');
    await refused(() => quote({ storeId: c.stores.e1, lines: lines() }, other.token), 404, 'not_found');
  });

  it('refuses malformed baskets and unknown SKUs by line', async () => {
    const res = await refused(() => quote({ storeId: c.stores.e1, lines: [{ skuId: c.skus.water, quantity: 1 }, { skuId: 'sku_01JC0000000000000000000000', quantity: 1 }] }), 400, 'validation_failed');
    expect(res.body.error.details).toEqual([{ path: 'body.lines.1.skuId', message: 'No such SKU in this chain' }]);
    const path = async (body: Record<string, unknown>) => (await refused(() => quote({ storeId: c.stores.e1, ...body }), 400, 'validation_failed')).body.error.details[0].path;
    expect(await path({ lines: [] })).toBe('body.lines');
    expect(await path({ lines: [{ skuId: c.skus.water, quantity: 0 }] })).toBe('body.lines.0.quantity');
    expect(await path({ lines: [{ skuId: c.skus.water, quantity: 1 }, { skuId: c.skus.water, quantity: 2 }] })).toBe('body.lines.1.skuId');
    expect(await path({ channel: 'kiosk', lines: lines() })).toBe('body.channel');
  });
});

// Changing one SKU: its own name, unit, list price, attributes and barcode, with every view of it
// (the scan, the code lookup, the SKU itself) following in one catalog change, a barcode moving
// without a moment under two or none, and each refusal writing nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newUser, seedStores, type TestTenant } from '../support/api.ts';
import { catalogKit, ean, product } from '../support/catalog.ts';

let chain: TestTenant;
let storeId: string;
const { tenant, version, settled, refused, createProduct } = catalogKit();

const patch = (skuId: string, body: unknown, t: TestTenant = chain) => call('PATCH', `/v1/skus/${skuId}`, { token: t.token, body });
const scan = async (barcode: string) => (await call('GET', `/v1/skus?barcode=${barcode}`, { token: chain.token })).body.data;
const byCode = async (code: string) => (await call('GET', `/v1/skus?code=${code}`, { token: chain.token })).body.data[0];

beforeAll(async () => {
  chain = await tenant('sku-edits');
  storeId = (await seedStores(chain, 1)).stores[0]!.id;
});

describe('PATCH /v1/skus/{id}', () => {
  it("changes a SKU's own fields as one catalog change that every view follows, and list prices resolve at once", async () => {
    const barcode = ean();
    const made = await createProduct(product('绿茶', [{ code: 'TEA-500', barcode, name: '500ml', unit: '瓶', listPrice: 300 }]));
    const skuId = made.skus[0].id;
    const v = await version();
    const res = await patch(skuId, { name: '550ml', unit: '支', listPrice: 350, attributes: { 规格: '550ml' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: skuId, name: '绿茶 550ml', skuName: '550ml', unit: '支', listPrice: 350, attributes: { 规格: '550ml' }, barcode, catalogVersion: v + 1 });
    const { catalogVersion: _v, ...view } = res.body;
    expect(await scan(barcode)).toEqual([view]);
    expect(await byCode('TEA-500')).toEqual(view);
    expect((await call('GET', `/v1/skus/${skuId}`, { token: chain.token })).body).toEqual(view);
    expect((await call('GET', `/v1/products/${made.id}`, { token: chain.token })).body.skus).toEqual([view]);
    const resolved = await call('GET', `/v1/prices/resolve?storeId=${storeId}&channel=pos&skuIds=${skuId}`, { token: chain.token });
    expect(resolved.body.data[0]).toMatchObject({ skuId, amount: 350, source: { type: 'list_price' } });

    // The same values again are no change and take no version.
    expect((await patch(skuId, { listPrice: 350, name: '550ml' })).body.catalogVersion).toBe(v + 1);
    await settled();
    const audit = await call('GET', '/v1/audit?limit=1', { token: chain.token });
    expect(audit.body.data[0]).toMatchObject({ action: 'sku.updated', target: { type: 'sku', id: skuId }, before: { listPrice: 300, unit: '瓶', name: '500ml' }, after: { listPrice: 350, unit: '支', name: '550ml' } });
  });

  it('moves a barcode: the old one scans nothing and the new one the SKU, in one change; null removes it', async () => {
    const [first, second] = [ean(), ean()];
    const made = await createProduct(product('Gum', [{ code: 'GUM-1', barcode: first, unit: '条', listPrice: 100 }]));
    const skuId = made.skus[0].id;
    const moved = await patch(skuId, { barcode: second });
    expect(moved.body).toMatchObject({ barcode: second });
    expect(await scan(first)).toEqual([]);
    expect((await scan(second)).map((s: { id: string }) => s.id)).toEqual([skuId]);
    expect((await byCode('GUM-1')).barcode).toBe(second);

    const removed = await patch(skuId, { barcode: null });
    expect(removed.body).toMatchObject({ barcode: null });
    expect(await scan(second)).toEqual([]);
    // A freed barcode may go to another SKU.
    const other = await createProduct(product('Mint', [{ code: 'MINT-1', barcode: second, unit: '条', listPrice: 100 }]));
    expect((await scan(second)).map((s: { id: string }) => s.id)).toEqual([other.skus[0].id]);
  });

  it("keeps a UPC-A given again as its EAN-13 form, and refuses a barcode the chain already has with 409, writing nothing", async () => {
    const made = await createProduct(product('Reese', [{ code: 'REESE-2', barcode: '036000291452', unit: '个', listPrice: 990 }]));
    const skuId = made.skus[0].id;
    const v = await version();
    expect((await patch(skuId, { barcode: '0036000291452' })).body).toMatchObject({ barcode: '036000291452', catalogVersion: v });
    const taken = await createProduct(product('Taken', [{ code: 'TAKEN-1', barcode: ean(), unit: '个', listPrice: 1 }]));
    const res = await refused(() => patch(skuId, { barcode: taken.skus[0].barcode, listPrice: 5 }), 409, 'already_exists');
    expect(res.body.error.message).toMatch(/barcode/);
    expect((await byCode('REESE-2')).listPrice).toBe(990);
  });

  it("refuses bad input with 400, another tenant's or an unknown SKU with 404, and anyone but HQ with 403, writing nothing", async () => {
    const made = await createProduct(product('Salt', [{ code: 'SALT-1', unit: '包', listPrice: 200 }]));
    const skuId = made.skus[0].id;
    await refused(() => patch(skuId, {}), 400, 'validation_failed');
    await refused(() => patch(skuId, { listPrice: -1 }), 400, 'validation_failed');
    await refused(() => patch(skuId, { barcode: '6901234567890' }), 400, 'validation_failed');
    await refused(() => patch(skuId, { code: 'NEW' }), 400, 'validation_failed');
    await refused(() => patch('sku_01JC0000000000000000000000', { listPrice: 1 }), 404, 'not_found');
    const other = await tenant('sku-edits-other');
    await refused(() => patch(skuId, { listPrice: 1 }, other), 404, 'not_found');
    await refused(() => call('GET', `/v1/skus/${skuId}`, { token: other.token }), 404, 'not_found');
    const manager = await newUser(chain, 'store_manager', [storeId]);
    await refused(() => patch(skuId, { listPrice: 1 }, { ...chain, token: manager.token }), 403, 'forbidden');
  });
});

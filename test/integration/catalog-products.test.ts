// Products and SKUs: creation with codes and barcodes unique per chain, the one-read barcode scan,
// name search and paging, archiving that every SKU view follows, and a catalog version that moves
// by exactly one per change, with a catalog.changed event carrying it.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectEnvelope, newUser, seedStores, type TestTenant } from '../support/api.ts';
import { catalogKit, ean, product } from '../support/catalog.ts';

let chain: TestTenant;
let categoryId: string;
const { tenant, version, settled, refused, createProduct } = catalogKit();

beforeAll(async () => {
  chain = await tenant('catalog');
  categoryId = (await call('POST', '/v1/categories', { token: chain.token, body: { name: '饮料' } })).body.id;
});

describe('POST /v1/products', () => {
  it('creates a product with its SKUs as one catalog change, audited, with an event carrying the version', async () => {
    const before = await version();
    const barcode = ean();
    const res = await call('POST', '/v1/products', {
      token: chain.token,
      body: product('可口可乐', [{ code: 'COKE-330', barcode, name: '330ml 罐装', unit: '罐', listPrice: 350, attributes: { 规格: '330ml' } }, { code: 'COKE-500', unit: '瓶', listPrice: 400 }], { brand: '可口可乐', categoryId }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^prd_[0-9A-Z]{26}$/),
      name: '可口可乐',
      categoryId,
      brand: '可口可乐',
      status: 'active',
      skus: [
        expect.objectContaining({ id: expect.stringMatching(/^sku_/), code: 'COKE-330', barcode, name: '可口可乐 330ml 罐装', unit: '罐', listPrice: 350, currency: 'CNY', attributes: { 规格: '330ml' }, status: 'active' }),
        expect.objectContaining({ id: expect.stringMatching(/^sku_/), code: 'COKE-500', barcode: null, name: '可口可乐', listPrice: 400 }),
      ],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      catalogVersion: before + 1,
    });
    expect(await version()).toBe(before + 1);
    await settled();
    const events = await call('GET', '/v1/tenant/events?limit=1', { token: chain.token });
    expect(events.body.data[0]).toMatchObject({ type: 'catalog.changed', payload: { version: before + 1, change: 'product.created', productId: res.body.id } });
    const audit = await call('GET', '/v1/audit?limit=1', { token: chain.token });
    expect(audit.body.data[0]).toMatchObject({ action: 'product.created', target: { type: 'product', id: res.body.id }, actor: { id: chain.adminId } });
    expect((await call('GET', `/v1/products/${res.body.id}`, { token: chain.token })).body).toEqual({ ...res.body, catalogVersion: undefined });
  });

  it('refuses a SKU code or barcode the chain already has with 409, a UPC-A and its EAN-13 form alike, writing nothing', async () => {
    await createProduct(product('Import', [{ code: 'UPC-1', barcode: '036000291452', unit: '个', listPrice: 1 }]));
    const v = await version();
    await refused(() => call('POST', '/v1/products', { token: chain.token, body: product('X', [{ code: 'UPC-1', unit: '个', listPrice: 1 }]) }), 409, 'already_exists');
    const res = await refused(() => call('POST', '/v1/products', { token: chain.token, body: product('X', [{ code: 'NEW-1', unit: '个', listPrice: 1 }, { code: 'NEW-2', barcode: '0036000291452', unit: '个', listPrice: 1 }]) }), 409, 'already_exists');
    expect(res.body.error.message).toMatch(/barcode "0036000291452"/);
    expect(await version()).toBe(v);
    // Codes are per chain: another tenant may use the same code and barcode.
    const other = await tenant('other');
    await createProduct(product('Import', [{ code: 'UPC-1', barcode: '036000291452', unit: '个', listPrice: 1 }]), other.token);
  });

  it('refuses bad input with 400 naming the field, writing nothing', async () => {
    const other = await tenant('other');
    const foreignCategory = (await call('POST', '/v1/categories', { token: other.token, body: { name: '零食' } })).body.id;
    const cases: [unknown, string][] = [
      [{ name: 'P', skus: [] }, 'body.skus'],
      [{ name: 'P' }, 'body.skus'],
      [product('P', [{ code: 'B-1', barcode: '6901234567890', unit: '个', listPrice: 1 }]), 'body.skus.0.barcode'],
      [product('P', [{ code: 'B-1', unit: '个', listPrice: 3.5 }]), 'body.skus.0.listPrice'],
      [product('P', [{ code: 'B-1', unit: '个', listPrice: -1 }]), 'body.skus.0.listPrice'],
      [product('P', [{ code: 'B-1', unit: '个', listPrice: 1 }, { code: 'B-1', unit: '个', listPrice: 1 }]), 'body.skus.1.code'],
      [product('P', [{ code: 'B-1', unit: '个', listPrice: 1 }], { categoryId: 'cat_01JC0000000000000000000000' }), 'body.categoryId'],
      [product('P', [{ code: 'B-1', unit: '个', listPrice: 1 }], { categoryId: foreignCategory }), 'body.categoryId'],
    ];
    for (const [body, path] of cases) {
      const res = await refused(() => call('POST', '/v1/products', { token: chain.token, body }), 400, 'validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(path);
    }
    await refused(() => call('POST', '/v1/products', { token: chain.token, rawBody: '{"name":' }), 400, 'invalid_json');
  });

  it('is for HQ only', async () => {
    const { stores } = await seedStores(chain, 1, 'direct', 'P');
    const manager = await newUser(chain, 'store_manager', [stores[0]!.id]);
    await refused(() => call('POST', '/v1/products', { token: manager.token, body: product('P', [{ code: 'M-1', unit: '个', listPrice: 1 }]) }), 403, 'forbidden');
    await refused(() => call('PATCH', '/v1/products/prd_01JC0000000000000000000000', { token: manager.token, body: { status: 'archived' } }), 403, 'forbidden');
  });
});

describe('PATCH /v1/products/{id}', () => {
  it('archives and renames a product, and every view of its SKUs follows in the same change', async () => {
    const barcode = ean();
    const created = await createProduct(product('Old name', [{ code: 'ARC-1', barcode, name: '1L', unit: '瓶', listPrice: 800 }, { code: 'ARC-2', unit: '瓶', listPrice: 900 }], { brand: 'B' }));
    const v = await version();
    const res = await call('PATCH', `/v1/products/${created.id}`, { token: chain.token, body: { status: 'archived', name: 'New name', brand: null } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'New name', brand: null, status: 'archived', catalogVersion: v + 1 });
    const scanned = (await call('GET', `/v1/skus?barcode=${barcode}`, { token: chain.token })).body.data[0];
    expect(scanned).toMatchObject({ name: 'New name 1L', productName: 'New name', brand: null, status: 'archived' });
    expect((await call('GET', '/v1/skus?code=ARC-2', { token: chain.token })).body.data[0]).toMatchObject({ name: 'New name', status: 'archived' });
    expect((await call('GET', '/v1/skus?q=new%20name', { token: chain.token })).body.data.map((s: any) => s.code)).toEqual(['ARC-1', 'ARC-2']);
    // The same patch again changes nothing, so it takes no version.
    const again = await call('PATCH', `/v1/products/${created.id}`, { token: chain.token, body: { status: 'archived' } });
    expect(again.body.catalogVersion).toBe(v + 1);
    await settled();
    const audit = await call('GET', '/v1/audit?limit=1', { token: chain.token });
    expect(audit.body.data[0]).toMatchObject({ action: 'product.archived', before: { name: 'Old name', status: 'active', brand: 'B' }, after: { name: 'New name', status: 'archived', brand: null } });
  });

  it("answers an unknown or another tenant's product with 404, and an empty patch with 400", async () => {
    const created = await createProduct(product('Mine', [{ code: 'MINE-1', unit: '个', listPrice: 1 }]));
    const other = await tenant('other');
    await refused(() => call('PATCH', `/v1/products/${created.id}`, { token: other.token, body: { status: 'archived' } }), 404, 'not_found');
    await refused(() => call('GET', `/v1/products/${created.id}`, { token: other.token }), 404, 'not_found');
    await refused(() => call('PATCH', '/v1/products/prd_01JC0000000000000000000000', { token: chain.token, body: { name: 'x' } }), 404, 'not_found');
    await refused(() => call('PATCH', `/v1/products/${created.id}`, { token: chain.token, body: {} }), 400, 'validation_failed');
  });
});

describe('GET /v1/products', () => {
  const listAll = async (t: TestTenant, filter = '') => {
    const pages: any[][] = [];
    let cursor: string | null = null;
    do {
      const res: any = await call('GET', `/v1/products?limit=2${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: t.token });
      expect(res.status).toBe(200);
      pages.push(res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    return pages.flat();
  };

  it("lists the chain's products with their SKUs, oldest first, page by page, narrowed by status, category and brand", async () => {
    const shop = await tenant('list');
    const made = async (name: string, extra: Record<string, unknown> = {}) =>
      (await call('POST', '/v1/products', { token: shop.token, body: product(name, [{ code: `L-${name}`, unit: '个', listPrice: 100 }], extra) })).body;
    const drinks = (await call('POST', '/v1/categories', { token: shop.token, body: { name: 'Drinks' } })).body.id;
    const tea = await made('Tea', { categoryId: drinks, brand: 'Leaf' });
    const soap = await made('Soap', { brand: 'Clean' });
    const juice = await made('Juice', { categoryId: drinks, brand: 'Leaf' });
    await call('PATCH', `/v1/products/${soap.id}`, { token: shop.token, body: { status: 'archived' } });

    const all = await listAll(shop);
    expect(all.map((p) => p.name)).toEqual(['Tea', 'Soap', 'Juice']);
    expect(all[0]).toEqual((await call('GET', `/v1/products/${tea.id}`, { token: shop.token })).body);
    expect((await listAll(shop, '&status=active')).map((p) => p.id)).toEqual([tea.id, juice.id]);
    expect((await listAll(shop, `&categoryId=${drinks}`)).map((p) => p.id)).toEqual([tea.id, juice.id]);
    expect((await listAll(shop, '&brand=Clean&status=archived')).map((p) => p.skus[0].code)).toEqual(['L-Soap']);
    // Another chain sees none of them, and a cashier reads the same list as HQ.
    expect(await listAll(await tenant('list-other'))).toEqual([]);
    const cashier = await newUser(shop, 'cashier', (await seedStores(shop, 1)).stores.map((s) => s.id));
    expect((await listAll({ ...shop, token: cashier.token })).map((p) => p.id)).toEqual(all.map((p) => p.id));
  });

  it('refuses a bad filter or cursor with 400', async () => {
    expectEnvelope(await call('GET', '/v1/products?status=gone', { token: chain.token }), 400, 'validation_failed');
    expectEnvelope(await call('GET', '/v1/products?categoryId=nope', { token: chain.token }), 400, 'validation_failed');
    expectEnvelope(await call('GET', '/v1/products?cursor=not-a-cursor', { token: chain.token }), 400, 'validation_failed');
  });
});

describe('the catalog version', () => {
  it('moves by exactly one per change, with no gaps or repeats, when changes race', async () => {
    const t = await tenant('race');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        i % 2 ? call('POST', '/v1/categories', { token: t.token, body: { name: `C${i}` } }) : call('POST', '/v1/products', { token: t.token, body: product(`P${i}`, [{ code: `R-${i}`, unit: '个', listPrice: 1 }]) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(results.map((r) => r.body.catalogVersion).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await version(t)).toBe(8);
    await settled(t);
    const events = await call('GET', '/v1/tenant/events?limit=20', { token: t.token });
    const versions = events.body.data.filter((e: any) => e.type === 'catalog.changed').map((e: any) => e.payload.version);
    expect(versions.sort((a: number, b: number) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

// The category tree, warehouses and locations, and store assortments: who may change and read
// them, what is refused (and writes nothing), and that each assortment change is a catalog change.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, cloud, newUser, seedStores, type TestTenant } from '../support/api.ts';
import { sharedScope } from '../support/scope.ts';
import { catalogKit } from '../support/catalog.ts';

let chain: TestTenant;
let stores: Record<string, any>[];
let regionId: string;
let skuIds: string[];
const { tenant, version, settled, refused } = catalogKit();

beforeAll(async () => {
  chain = await tenant('assort');
  ({ regionId, stores } = await seedStores(chain, 2, 'franchise', 'A'));
  const res = await call('POST', '/v1/products', {
    token: chain.token,
    body: { name: '矿泉水', skus: ['550ml', '1.5L', '4L', '12x550ml'].map((name, i) => ({ code: `WATER-${i}`, name, unit: '瓶', listPrice: 200 + i * 300 })) },
  });
  skuIds = res.body.skus.map((s: { id: string }) => s.id);
});

describe('categories', () => {
  it('builds a tree, parents before children, refusing a sibling of the same name and a fifth level', async () => {
    const t = await tenant('tree');
    const post = (name: string, parentId?: string) => call('POST', '/v1/categories', { token: t.token, body: { name, parentId } });
    const drinks = (await post('饮料')).body;
    const fizzy = (await post('碳酸饮料', drinks.id)).body;
    const cola = (await post('可乐', fizzy.id)).body;
    const diet = (await post('无糖可乐', cola.id)).body;
    await post('零食');
    expect(diet).toMatchObject({ id: expect.stringMatching(/^cat_/), parentId: cola.id, path: [drinks.id, fizzy.id, cola.id], depth: 4 });
    const list = await call('GET', '/v1/categories', { token: t.token });
    expect(list.body.data.map((c: { name: string }) => c.name)).toEqual(['零食', '饮料', '碳酸饮料', '可乐', '无糖可乐']);
    await refused(() => post('饮料'), 409, 'already_exists');
    await refused(() => post('碳酸饮料', drinks.id), 409, 'already_exists');
    const deep = await refused(() => post('太深', diet.id), 400, 'validation_failed');
    expect(deep.body.error.details[0].path).toBe('body.parentId');
    await refused(() => post('x', 'cat_01JC0000000000000000000000'), 400, 'validation_failed');
    // Another chain's category is no parent of ours.
    await refused(() => call('POST', '/v1/categories', { token: chain.token, body: { name: 'x', parentId: drinks.id } }), 400, 'validation_failed');
  });
});

describe('warehouses', () => {
  it('creates warehouses with codes unique per chain, lists and reads them, refusing bad input', async () => {
    const res = await call('POST', '/v1/warehouses', { token: chain.token, body: { code: 'DC-EAST', name: '华东配送中心', regionId } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^whs_/), type: 'warehouse', code: 'DC-EAST', name: '华东配送中心', regionId, status: 'active', createdAt: expect.any(String) });
    await call('POST', '/v1/warehouses', { token: chain.token, body: { code: 'DC-AAA', name: 'A', regionId } });
    expect((await call('GET', '/v1/warehouses', { token: chain.token })).body.data.map((w: { code: string }) => w.code)).toEqual(['DC-AAA', 'DC-EAST']);
    expect((await call('GET', `/v1/warehouses/${res.body.id}`, { token: chain.token })).body).toEqual(res.body);
    await refused(() => call('POST', '/v1/warehouses', { token: chain.token, body: { code: 'DC-EAST', name: 'again', regionId } }), 409, 'already_exists');
    await refused(() => call('POST', '/v1/warehouses', { token: chain.token, body: { code: 'DC-X', name: 'x', regionId: 'reg_01JC0000000000000000000000' } }), 400, 'validation_failed');
    await refused(() => call('POST', '/v1/warehouses', { token: chain.token, body: { code: 'bad code', name: 'x', regionId } }), 400, 'validation_failed');
    const other = await tenant('other');
    await refused(() => call('GET', `/v1/warehouses/${res.body.id}`, { token: other.token }), 404, 'not_found');
    expect((await call('GET', '/v1/warehouses', { token: other.token })).body.data).toEqual([]);
  });

  it('resolves a store or warehouse of the caller as a stock location, and anything else as 404', async () => {
    Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    const { requireLocation } = await import('../../domain/catalog/locations.ts');
    const { createCatalogService } = await import('../../domain/catalog/catalog-service.ts');
    const service = createCatalogService(await sharedScope(cloud().tables.main));
    const warehouse = (await call('POST', '/v1/warehouses', { token: chain.token, body: { code: 'DC-LOC', name: 'Loc', regionId } })).body;
    const hq = { tenantId: chain.tenantId, userId: chain.adminId, role: 'hq_admin' as const, storeIds: [] };
    const manager = { ...hq, role: 'store_manager' as const, storeIds: [stores[0]!.id] };
    const other = { ...hq, tenantId: 'ten_01JC0000000000000000000000' };
    await expect(requireLocation(hq, warehouse.id, { service })).resolves.toMatchObject({ type: 'warehouse', id: warehouse.id, code: 'DC-LOC', regionId });
    await expect(requireLocation(hq, stores[1]!.id, { service })).resolves.toMatchObject({ type: 'store', id: stores[1]!.id, code: 'A002' });
    await expect(requireLocation(manager, warehouse.id, { service })).resolves.toMatchObject({ type: 'warehouse' });
    for (const [ctx, id] of [[manager, stores[1]!.id], [other, warehouse.id], [other, stores[0]!.id], [hq, 'reg_01JC0000000000000000000000'], [hq, 'whs_01JC0000000000000000000000']] as const)
      await expect(requireLocation(ctx, id, { service }), `${ctx.role} ${id}`).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('store assortments', () => {
  it('adds and removes SKUs, each effective change one catalog version, a repeat none', async () => {
    const store = stores[0]!.id;
    const v = await version();
    const added = await call('PUT', `/v1/stores/${store}/assortment`, { token: chain.token, body: { add: skuIds.slice(0, 3) } });
    expect(added.body).toEqual({ storeId: store, added: skuIds.slice(0, 3), removed: [], catalogVersion: v + 1 });
    const changed = await call('PUT', `/v1/stores/${store}/assortment`, { token: chain.token, body: { add: [skuIds[0], skuIds[3]], remove: [skuIds[1]] } });
    expect(changed.body).toEqual({ storeId: store, added: [skuIds[3]], removed: [skuIds[1]], catalogVersion: v + 2 });
    const repeat = await call('PUT', `/v1/stores/${store}/assortment`, { token: chain.token, body: { add: [skuIds[0]], remove: [skuIds[1]] } });
    expect(repeat.body).toEqual({ storeId: store, added: [], removed: [], catalogVersion: v + 2 });
    const list = await call('GET', `/v1/stores/${store}/assortment`, { token: chain.token });
    expect(list.body.data.map((s: { id: string }) => s.id).sort()).toEqual([skuIds[0], skuIds[2], skuIds[3]].sort());
    expect(list.body.data[0]).toMatchObject({ productName: '矿泉水', unit: '瓶', currency: 'CNY' });
    const first = await call('GET', `/v1/stores/${store}/assortment?limit=2`, { token: chain.token });
    const rest = await call('GET', `/v1/stores/${store}/assortment?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token: chain.token });
    expect([...first.body.data, ...rest.body.data].map((s: { id: string }) => s.id)).toEqual(list.body.data.map((s: { id: string }) => s.id));
    await settled(chain);
    const events = await call('GET', '/v1/tenant/events?limit=1', { token: chain.token });
    expect(events.body.data[0].payload).toEqual({ version: v + 2, change: 'assortment.changed', storeId: store, added: [skuIds[3]], removed: [skuIds[1]] });
  });

  it('lets store staff read their own store only; other stores and tenants are 404', async () => {
    const [mine, theirs] = [stores[0]!.id, stores[1]!.id];
    const cashier = await newUser(chain, 'cashier', [mine]);
    const franchisee = await newUser(chain, 'franchisee', [mine]);
    expect((await call('GET', `/v1/stores/${mine}/assortment`, { token: cashier.token })).status).toBe(200);
    expect((await call('GET', `/v1/stores/${mine}/assortment`, { token: franchisee.token })).status).toBe(200);
    await refused(() => call('GET', `/v1/stores/${theirs}/assortment`, { token: cashier.token }), 404, 'not_found');
    await refused(() => call('PUT', `/v1/stores/${mine}/assortment`, { token: franchisee.token, body: { add: [skuIds[0]] } }), 403, 'forbidden');
    const other = await tenant('other');
    await refused(() => call('GET', `/v1/stores/${mine}/assortment`, { token: other.token }), 404, 'not_found');
    await refused(() => call('PUT', `/v1/stores/${mine}/assortment`, { token: other.token, body: { add: [skuIds[0]] } }), 404, 'not_found');
  });

  it("refuses unknown, another tenant's and archived SKUs, and malformed changes, writing nothing", async () => {
    const other = await tenant('other');
    const { stores: otherStores } = await seedStores(other, 1);
    const foreign = await call('POST', '/v1/products', { token: other.token, body: { name: 'F', skus: [{ code: 'F-1', unit: '个', listPrice: 1 }] } });
    const archived = await call('POST', '/v1/products', { token: chain.token, body: { name: 'Old', skus: [{ code: 'OLD-1', unit: '个', listPrice: 1 }] } });
    await call('PATCH', `/v1/products/${archived.body.id}`, { token: chain.token, body: { status: 'archived' } });
    const put = (body: unknown, store = stores[1]!.id, token = chain.token) => call('PUT', `/v1/stores/${store}/assortment`, { token, body });
    const res = await refused(() => put({ add: [skuIds[0], 'sku_01JC0000000000000000000000', foreign.body.skus[0].id, archived.body.skus[0].id] }), 400, 'validation_failed');
    expect(res.body.error.details).toEqual([
      { path: 'body.add.1', message: 'No such SKU in this chain' },
      { path: 'body.add.2', message: 'No such SKU in this chain' },
      { path: 'body.add.3', message: 'The SKU is archived' },
    ]);
    await refused(() => put({}), 400, 'validation_failed');
    await refused(() => put({ add: ['not-a-sku'] }), 400, 'validation_failed');
    await refused(() => put({ add: [skuIds[0]] }, otherStores[0]!.id), 404, 'not_found');
    await refused(() => put({ add: [skuIds[0]] }, 'sto_01JC0000000000000000000000'), 404, 'not_found');
  });
});

// Finding SKUs: the POS barcode scan (one GetItem, UPC-A and EAN-13 forms alike), code lookups,
// name search and paging through the chain's SKUs, and cursors that open no other tenant's list.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, cloud, type ApiResponse, type TestTenant } from '../support/api.ts';
import { sharedScope } from '../support/scope.ts';
import { catalogKit, ean, product } from '../support/catalog.ts';

let chain: TestTenant;
const { tenant, refused, createProduct } = catalogKit();

beforeAll(async () => {
  chain = await tenant('skus');
  await createProduct(product('可口可乐', [{ code: 'COKE-330', barcode: ean(), unit: '罐', listPrice: 350 }, { code: 'COKE-500', unit: '瓶', listPrice: 400 }]));
});

describe('GET /v1/skus', () => {
  it('finds a SKU by barcode with exactly one GetItem, from its UPC-A or EAN-13 form', async () => {
    const created = await createProduct(product('Reese', [{ code: 'REESE-1', barcode: '012345678905', unit: '个', listPrice: 990 }]));
    for (const barcode of ['012345678905', '0012345678905', ' 012345678905 ']) {
      const res = await call('GET', `/v1/skus?barcode=${encodeURIComponent(barcode)}`, { token: chain.token });
      expect(res.body).toEqual({ data: [created.skus[0]], nextCursor: null });
    }
    Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
    const { createCatalogService } = await import('../../domain/catalog/catalog-service.ts');
    const { findSkuByBarcode } = await import('../../domain/catalog/skus.ts');
    const sent: string[] = [];
    const raw = new DynamoDBClient({});
    raw.middlewareStack.add((next, context) => async (args) => (sent.push(String(context.commandName)), next(args)), { step: 'initialize' });
    const scope = await sharedScope(cloud().tables.main);
    const service = createCatalogService({ ...scope, client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }) });
    const ctx = { tenantId: chain.tenantId, userId: chain.adminId, role: 'cashier' as const, storeIds: [] };
    const found = await findSkuByBarcode(ctx, '0012345678905', { service });
    expect(found.data.map((s) => s.code)).toEqual(['REESE-1']);
    expect(sent).toEqual(['GetItemCommand']);
    raw.destroy();
  });

  it('finds by code, answers an unknown barcode or code with an empty list, and refuses a malformed barcode', async () => {
    expect((await call('GET', '/v1/skus?code=COKE-500', { token: chain.token })).body.data.map((s: any) => s.code)).toEqual(['COKE-500']);
    expect((await call('GET', `/v1/skus?barcode=${ean()}`, { token: chain.token })).body).toEqual({ data: [], nextCursor: null });
    expect((await call('GET', '/v1/skus?code=NOPE', { token: chain.token })).body).toEqual({ data: [], nextCursor: null });
    await refused(() => call('GET', '/v1/skus?barcode=6901234567890', { token: chain.token }), 400, 'validation_failed');
    await refused(() => call('GET', '/v1/skus?barcode=036000291452&code=X', { token: chain.token }), 400, 'validation_failed');
  });

  it('searches names and codes case-insensitively, and pages through the list by name', async () => {
    const t = await tenant('search');
    const names = ['Apple juice', 'Banana milk', 'Cherry cola', 'apple pie', 'Durian cake'];
    for (const [i, name] of names.entries()) await createProduct(product(name, [{ code: `S-${i}`, unit: '个', listPrice: 100 + i }]), t.token);
    const q = await call('GET', '/v1/skus?q=APPLE', { token: t.token });
    expect(q.body.data.map((s: any) => s.name)).toEqual(['Apple juice', 'apple pie']);
    expect((await call('GET', '/v1/skus?q=s-4', { token: t.token })).body.data.map((s: any) => s.name)).toEqual(['Durian cake']);
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await call('GET', `/v1/skus?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: t.token });
      pages.push(page.body.data.map((s: any) => s.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages.flat()).toEqual(['Apple juice', 'apple pie', 'Banana milk', 'Cherry cola', 'Durian cake']);
    expect(pages[0]).toHaveLength(2);
    const firstOfTwo = await call('GET', '/v1/skus?q=a&limit=1', { token: t.token });
    const rest = await call('GET', `/v1/skus?q=a&limit=10&cursor=${encodeURIComponent(firstOfTwo.body.nextCursor)}`, { token: t.token });
    expect([...firstOfTwo.body.data, ...rest.body.data].map((s: any) => s.name)).toEqual(['Apple juice', 'apple pie', 'Banana milk', 'Cherry cola', 'Durian cake']);
  });

  it("shows another tenant nothing, and refuses another tenant's cursor", async () => {
    const other = await tenant('other');
    expect((await call('GET', '/v1/skus?code=COKE-330', { token: other.token })).body.data).toEqual([]);
    expect((await call('GET', '/v1/skus', { token: other.token })).body.data).toEqual([]);
    const mine = await call('GET', '/v1/skus?limit=1', { token: chain.token });
    await refused(() => call('GET', `/v1/skus?cursor=${encodeURIComponent(mine.body.nextCursor)}`, { token: other.token }), 400, 'validation_failed');
    await refused(() => call('GET', '/v1/skus?cursor=not-a-cursor', { token: chain.token }), 400, 'validation_failed');
  });
});

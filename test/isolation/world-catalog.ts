// Tenant A's catalog for the walk: a category, a product with two SKUs (unique codes, barcodes
// and names), both in S1's assortment, and two warehouses, plus second-page cursors of A's lists.
// Waits until A's catalog.changed events are recorded, so none lands in A's event log mid-walk.
import { randomBytes, randomInt } from 'node:crypto';
import { withCheckDigit } from '../../domain/catalog/barcode.ts';
import { eventually } from '../support/api.ts';
import type { Api } from './client.ts';

const hex = () => randomBytes(4).toString('hex');
/** A valid EAN-13 under a GS1 China prefix, random enough to be A's alone. */
const barcode = () => withCheckDigit(`69${randomInt(10)}${String(randomInt(1e9)).padStart(9, '0')}`);

export type CatalogRecords = {
  categoryId: string;
  categoryName: string;
  productId: string;
  productName: string;
  skuIds: string[];
  skuCodes: string[];
  barcodes: string[];
  warehouseId: string;
  warehouseCode: string;
  cursors: { products: string; skus: string; warehouses: string };
};

const created = async (api: Api, what: string, token: string, method: string, path: string, body: unknown) => {
  const res = await api.call(method, path, { token, body });
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.body;
};

const secondPage = async (api: Api, token: string, path: string): Promise<string> => {
  const res = await api.call('GET', `${path}?limit=1`, { token });
  if (typeof res.body.nextCursor !== 'string') throw new Error(`${path}: no second page for tenant A (${res.text})`);
  return res.body.nextCursor;
};

export const catalogRecords = async (api: Api, a: { token: string; regionId: string; s1Id: string }): Promise<{ a: CatalogRecords; secrets: [string, string][] }> => {
  const { token } = a;
  const tag = hex();
  const category = await created(api, 'category', token, 'POST', '/v1/categories', { name: `Category ${tag}` });
  const skus = [1, 2].map((n) => ({ code: `ISO-${tag}-${n}`, barcode: barcode(), name: `Variant ${tag}-${n}`, unit: '个', listPrice: 100 * n }));
  const product = await created(api, 'product', token, 'POST', '/v1/products', { name: `Goods ${tag}`, brand: `Brand ${tag}`, categoryId: category.id, skus });
  const skuIds: string[] = product.skus.map((s: { id: string }) => s.id);
  // A second product, so A's product list has a second page to be probed with.
  const spare = await created(api, 'product', token, 'POST', '/v1/products', { name: `Spare ${tag}`, skus: [{ code: `ISO-${tag}-S`, unit: '个', listPrice: 100 }] });
  await created(api, 'assortment', token, 'PUT', `/v1/stores/${a.s1Id}/assortment`, { add: skuIds });
  const warehouses = await Promise.all(
    [1, 2].map((n) => created(api, 'warehouse', token, 'POST', '/v1/warehouses', { code: `WH-${tag}-${n}`, name: `Warehouse ${tag}-${n}`, regionId: a.regionId })),
  );
  const { version } = (await api.call('GET', '/v1/catalog/version', { token })).body;
  await eventually(async () => {
    const events = await api.call('GET', '/v1/tenant/events?limit=10', { token });
    return events.body.data?.some((e: { type: string; payload: { version?: number } }) => e.type === 'catalog.changed' && e.payload.version === version) ? true : undefined;
  });
  const records: CatalogRecords = {
    categoryId: category.id,
    categoryName: category.name,
    productId: product.id,
    productName: product.name,
    skuIds,
    skuCodes: skus.map((s) => s.code),
    barcodes: skus.map((s) => s.barcode),
    warehouseId: warehouses[0]!.id,
    warehouseCode: warehouses[0]!.code,
    cursors: { products: await secondPage(api, token, '/v1/products'), skus: await secondPage(api, token, '/v1/skus'), warehouses: await secondPage(api, token, '/v1/warehouses') },
  };
  const secrets: [string, string][] = [
    [category.id, 'A category id'],
    [category.name, 'A category name'],
    [product.id, 'A product id'],
    [product.name, 'A product name'],
    [spare.id, 'A spare product id'],
    [spare.name, 'A spare product name'],
    [`Brand ${tag}`, 'A brand'],
    ...skus.flatMap((s, i): [string, string][] => [
      [skuIds[i]!, `A SKU ${i + 1} id`],
      [s.code, `A SKU ${i + 1} code`],
      [s.barcode, `A SKU ${i + 1} barcode`],
      [s.name, `A SKU ${i + 1} name`],
    ]),
    ...warehouses.flatMap((w): [string, string][] => [
      [w.id, `A warehouse ${w.code} id`],
      [w.code, `A warehouse ${w.code} code`],
      [w.name, `A warehouse ${w.code} name`],
    ]),
  ];
  return { a: records, secrets };
};

/** A SKU of tenant B's own, for probes in which B changes its own catalog. */
export const ownSku = async (api: Api, token: string): Promise<string> => {
  const product = await created(api, 'product', token, 'POST', '/v1/products', { name: `B goods ${hex()}`, skus: [{ code: `B-${hex()}`, unit: '个', listPrice: 100 }] });
  return product.skus[0].id;
};

// How the catalog and warehouse routes are aimed at tenant A's data (see route-fixtures.ts).
// The catalog is chain-wide: A's users scoped to S2 may read A's products, SKUs and warehouses
// (`wrongStore: 'allowed'`), but not S1's assortment. The helpers are local because
// route-fixtures.ts imports this file: importing its helpers back would be a cycle.
import { randomBytes } from 'node:crypto';
import type { Probe, ProbeRequest, RouteFixtures } from './fixture-types.ts';
import { jobFinished, type World } from './world.ts';

const hex = () => randomBytes(4).toString('hex');

/** One of A's catalog resources by id: another tenant gets 404; A's own S2 staff may read it. */
const chainWide = (request: (w: World) => ProbeRequest): Probe => ({ otherTenant: 'not_found', wrongStore: 'allowed', request });
const ownTenant = (request: (w: World) => ProbeRequest = () => ({}), label?: string): Probe => ({ label, otherTenant: 'allowed', request });
const foreignCursor = (cursor: (w: World) => string): Probe => ({
  label: "with tenant A's cursor",
  otherTenant: 'either',
  request: (w) => ({ query: { limit: '1', cursor: cursor(w) } }),
});

const sku = (code: string, barcode?: string) => ({ code, barcode, unit: '个', listPrice: 100 });

export const catalogRouteFixtures: RouteFixtures = {
  'POST /v1/products': {
    probes: [
      // Codes and barcodes are unique per chain: a 409 here would tell B that A sells this.
      ownTenant((w) => ({ body: { name: 'Probe', skus: [sku(w.a.catalog.skuCodes[0]!, w.a.catalog.barcodes[0])] } }), "reusing tenant A's SKU code and barcode"),
      { label: "in tenant A's category", otherTenant: 'refused', request: (w) => ({ body: { name: 'Probe', categoryId: w.a.catalog.categoryId, skus: [sku(`P-${hex()}`)] } }) },
    ],
  },
  'GET /v1/products': {
    probes: [ownTenant(), ownTenant((w) => ({ query: { categoryId: w.a.catalog.categoryId } }), "in tenant A's category"), foreignCursor((w) => w.a.catalog.cursors.products)],
  },
  'GET /v1/products/{id}': { probes: [chainWide((w) => ({ params: { id: w.a.catalog.productId } }))] },
  'PATCH /v1/products/{id}': { probes: [{ otherTenant: 'not_found', request: (w) => ({ params: { id: w.a.catalog.productId }, body: { status: 'archived', name: 'Probe' } }) }] },
  'GET /v1/skus': {
    probes: [
      ownTenant(),
      ownTenant((w) => ({ query: { barcode: w.a.catalog.barcodes[0]! } }), "scanning tenant A's barcode"),
      ownTenant((w) => ({ query: { code: w.a.catalog.skuCodes[1]! } }), "by tenant A's SKU code"),
      ownTenant((w) => ({ query: { q: w.a.catalog.productName } }), "searching tenant A's product name"),
      foreignCursor((w) => w.a.catalog.cursors.skus),
    ],
  },
  'GET /v1/skus/{id}': { probes: [chainWide((w) => ({ params: { id: w.a.catalog.skuIds[0]! } }))] },
  'PATCH /v1/skus/{id}': {
    probes: [
      { otherTenant: 'not_found', request: (w) => ({ params: { id: w.a.catalog.skuIds[0]! }, body: { listPrice: 1, name: 'Probe' } }) },
      // Barcodes are unique per chain: B taking A's barcode for its own SKU must not clash.
      { label: "taking tenant A's barcode for B's own SKU", otherTenant: 'allowed', request: (w) => ({ params: { id: w.b.ownSkuId }, body: { barcode: w.a.catalog.barcodes[1]! } }) },
    ],
  },
  'POST /v1/products:import': {
    probes: [
      {
        // B's job: the row in A's category is refused, the row reusing A's code is B's own SKU.
        label: "rows in tenant A's category and reusing A's SKU code",
        otherTenant: 'allowed',
        request: (w) => ({
          rawBody: `productName,categoryId,brand,skuCode,barcode,skuName,unit,listPrice\nProbe,${w.a.catalog.categoryId},,P-${hex()},,,个,1\nProbe,,,${w.a.catalog.skuCodes[1]},,,个,1`,
          headers: { 'content-type': 'text/csv' },
        }),
        settle: (api, token, body) => jobFinished(api, token, body.id),
      },
    ],
  },
  'POST /v1/categories': {
    probes: [
      { label: "under tenant A's category", otherTenant: 'refused', request: (w) => ({ body: { name: 'Probe', parentId: w.a.catalog.categoryId } }) },
      // Sibling names are unique per chain: a 409 would tell B what A's tree holds.
      ownTenant((w) => ({ body: { name: w.a.catalog.categoryName } }), "reusing tenant A's category name"),
    ],
  },
  'GET /v1/categories': { probes: [ownTenant()] },
  'GET /v1/catalog/version': { probes: [ownTenant()] },
  'PUT /v1/stores/{id}/assortment': {
    probes: [
      { otherTenant: 'not_found', request: (w) => ({ params: { id: w.a.s1.id }, body: { remove: [w.a.catalog.skuIds[0]!] } }) },
      { label: "tenant B's own store with A's SKUs", otherTenant: 'refused', request: (w) => ({ params: { id: w.b.store.id }, body: { add: [w.a.catalog.skuIds[0]!] } }) },
    ],
  },
  // S1's assortment: S1's own manager reads it (the control), S2's staff and tenant B get 404.
  'GET /v1/stores/{id}/assortment': { probes: [{ otherTenant: 'not_found', s1Control: true, request: (w) => ({ params: { id: w.a.s1.id } }) }] },
  'POST /v1/warehouses': {
    probes: [
      { label: "in tenant A's region", otherTenant: 'refused', request: (w) => ({ body: { code: `W-${hex()}`, name: 'Probe', regionId: w.a.regionId } }) },
      ownTenant((w) => ({ body: { code: w.a.catalog.warehouseCode, name: 'Probe', regionId: w.b.regionId } }), "reusing tenant A's warehouse code"),
    ],
  },
  'GET /v1/warehouses': {
    probes: [ownTenant(), ownTenant((w) => ({ query: { regionId: w.a.regionId } }), "filtered by tenant A's region"), foreignCursor((w) => w.a.catalog.cursors.warehouses)],
  },
  'GET /v1/warehouses/{id}': { probes: [chainWide((w) => ({ params: { id: w.a.catalog.warehouseId } }))] },
};

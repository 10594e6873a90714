// How the stock routes are aimed at tenant A's data (see route-fixtures.ts). S1's stock, ledger,
// policies and reservation are S1's: another tenant and S2's staff get 404, S1's manager reads
// them. A's warehouse serves the whole chain: S2's staff may read its stock but not change it
// (403); another tenant gets 404. The helpers are local because route-fixtures.ts imports this
// file: importing its helpers back would be a cycle.
import type { Probe, ProbeRequest, RouteFixtures } from './fixture-types.ts';
import type { World } from './world.ts';

/** Something of S1's: another tenant and S2's staff get 404; S1's own manager may read it. */
const ofS1 = (request: (w: World) => ProbeRequest, label?: string): Probe => ({ label, otherTenant: 'not_found', s1Control: true, request });
/** A's warehouse: another tenant gets 404; A's S2 staff may read it. */
const warehouseRead = (request: (w: World) => ProbeRequest): Probe => ({ label: "tenant A's warehouse", otherTenant: 'not_found', wrongStore: 'allowed', request });
/** A's warehouse, written: another tenant gets 404; A's S2 staff are refused (403). */
const warehouseWrite = (request: (w: World) => ProbeRequest): Probe => ({ label: "tenant A's warehouse", otherTenant: 'not_found', wrongStore: 'refused', request });
/** The caller's own store with A's SKUs: refused (400), never written into A. */
const ownStoreWithASkus = (request: (w: World) => ProbeRequest): Probe => ({ label: "its own store with tenant A's SKUs", otherTenant: 'refused', wrongStore: 'refused', request });

const receipt = (locationId: string, skuId: string) => ({ locationId, type: 'receipt', lines: [{ skuId, quantity: 1 }] });
const hold = (locationId: string, skuId: string) => ({ locationId, channel: 'online', lines: [{ skuId, quantity: 1 }] });
const pool = (locationId: string, skuId: string) => ({ locationId, skuId, channel: 'online', units: 1, shards: 1 });
const poolKey = (locationId: string, skuId: string) => ({ locationId, skuId, channel: 'online' });

export const stockRouteFixtures: RouteFixtures = {
  'POST /v1/stock/movements': {
    probes: [
      { label: "at tenant A's S1", otherTenant: 'not_found', request: (w) => ({ body: receipt(w.a.s1.id, w.a.catalog.skuIds[0]!) }) },
      warehouseWrite((w) => ({ body: receipt(w.a.catalog.warehouseId, w.a.catalog.skuIds[0]!) })),
      ownStoreWithASkus((w) => ({ body: receipt(w.b.store.id, w.a.catalog.skuIds[0]!) })),
    ],
  },
  'GET /v1/stock/movements': {
    probes: [
      ofS1((w) => ({ query: { locationId: w.a.s1.id } })),
      ofS1((w) => ({ query: { locationId: w.a.s1.id, skuId: w.a.catalog.skuIds[0]! } }), 'one SKU'),
      // No probe with A's cursor at another location: A's own control of it would be a 404. That a
      // cursor opens no other location's ledger is tested in test/integration/stock-api.test.ts.
      warehouseRead((w) => ({ query: { locationId: w.a.catalog.warehouseId } })),
    ],
  },
  'GET /v1/stock': {
    probes: [
      ofS1((w) => ({ query: { locationId: w.a.s1.id } })),
      ofS1((w) => ({ query: { locationId: w.a.s1.id, skuIds: w.a.catalog.skuIds.join(','), channel: 'online' } }), 'named SKUs, online'),
      warehouseRead((w) => ({ query: { locationId: w.a.catalog.warehouseId } })),
    ],
  },
  'GET /v1/stock/policies': { probes: [ofS1((w) => ({ query: { locationId: w.a.s1.id } })), warehouseRead((w) => ({ query: { locationId: w.a.catalog.warehouseId } }))] },
  'PUT /v1/stock/policies': {
    probes: [
      { label: "at tenant A's S1", otherTenant: 'not_found', request: (w) => ({ body: { locationId: w.a.s1.id, defaults: { safetyStock: 9 } } }) },
      warehouseWrite((w) => ({ body: { locationId: w.a.catalog.warehouseId, defaults: { lowThreshold: 9 } } })),
      ownStoreWithASkus((w) => ({ body: { locationId: w.b.store.id, skus: [{ skuId: w.a.catalog.skuIds[0]!, safetyStock: 1 }] } })),
    ],
  },
  'POST /v1/stock/reservations': {
    probes: [
      { label: "at tenant A's S1", otherTenant: 'not_found', request: (w) => ({ body: hold(w.a.s1.id, w.a.catalog.skuIds[0]!) }) },
      warehouseWrite((w) => ({ body: hold(w.a.catalog.warehouseId, w.a.catalog.skuIds[0]!) })),
      ownStoreWithASkus((w) => ({ body: hold(w.b.store.id, w.a.catalog.skuIds[1]!) })),
    ],
  },
  // Flash-sale pools: HQ's alone to open and release (A has none open, so its list control is an empty page).
  'PUT /v1/stock/shards': {
    probes: [
      { label: "at tenant A's S1", otherTenant: 'not_found', request: (w) => ({ body: pool(w.a.s1.id, w.a.catalog.skuIds[1]!) }) },
      { label: "at tenant A's warehouse", otherTenant: 'not_found', request: (w) => ({ body: pool(w.a.catalog.warehouseId, w.a.catalog.skuIds[1]!) }) },
      ownStoreWithASkus((w) => ({ body: pool(w.b.store.id, w.a.catalog.skuIds[1]!) })),
    ],
  },
  'GET /v1/stock/shards': {
    probes: [
      ofS1((w) => ({ query: { locationId: w.a.s1.id } })),
      ofS1((w) => ({ query: { locationId: w.a.s1.id, skuId: w.a.catalog.skuIds[0]! } }), 'one SKU'),
      warehouseRead((w) => ({ query: { locationId: w.a.catalog.warehouseId } })),
    ],
  },
  'POST /v1/stock/shards:release': {
    probes: [
      { label: "at tenant A's S1", otherTenant: 'not_found', request: (w) => ({ body: poolKey(w.a.s1.id, w.a.catalog.skuIds[0]!) }) },
      { label: "at tenant A's warehouse", otherTenant: 'not_found', request: (w) => ({ body: poolKey(w.a.catalog.warehouseId, w.a.catalog.skuIds[0]!) }) },
    ],
  },
  'GET /v1/stock/reservations/{id}': { probes: [ofS1((w) => ({ params: { id: w.a.stock.reservationId } }))] },
  'POST /v1/stock/reservations/{id}/release': { probes: [{ otherTenant: 'not_found', request: (w) => ({ params: { id: w.a.stock.reservationId }, body: {} }) }] },
  'POST /v1/stock/reservations/{id}/consume': { probes: [{ otherTenant: 'not_found', request: (w) => ({ params: { id: w.a.stock.reservationId }, body: {} }) }] },
};

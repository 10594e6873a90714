// How the transfer, stocktake and replenishment routes are aimed at tenant A's data (see
// route-fixtures.ts). Transfers and orders to S1 and S1's stocktakes and levels are S1's: another
// tenant and S2's staff get 404, S1's manager reads them. Lists of A's warehouse are HQ's: S2's
// staff are refused (403). Closing and shipping are HQ's alone: S2's staff get 403 from the route.
// The helpers are local because route-fixtures.ts imports this file.
import type { Probe, ProbeRequest, RouteFixtures } from './fixture-types.ts';
import type { World } from './world.ts';

/** Something of S1's: another tenant and S2's staff get 404; S1's own manager may read it. */
const ofS1 = (request: (w: World) => ProbeRequest, label?: string): Probe => ({ label, otherTenant: 'not_found', s1Control: true, request });
/** One of S1's documents acted on: 404 for anyone who may not see it. */
const onS1 = (request: (w: World) => ProbeRequest): Probe => ({ otherTenant: 'not_found', request });
/** Names A's locations or SKUs in a body or query: any refusal, never a write into A. */
const refused = (label: string, request: (w: World) => ProbeRequest): Probe => ({ label, otherTenant: 'refused', request });

const line = (skuId: string) => [{ skuId, quantity: 1 }];

export const transferRouteFixtures: RouteFixtures = {
  'POST /v1/stock/transfers': {
    probes: [
      refused("from tenant A's warehouse to S1", (w) => ({ body: { fromLocationId: w.a.catalog.warehouseId, toLocationId: w.a.s1.id, lines: line(w.a.catalog.skuIds[1]!) } })),
      refused("from tenant A's S1 to its warehouse", (w) => ({ body: { fromLocationId: w.a.s1.id, toLocationId: w.a.catalog.warehouseId, lines: line(w.a.catalog.skuIds[1]!) } })),
      refused("its own store to tenant A's S1", (w) => ({ body: { fromLocationId: w.b.store.id, toLocationId: w.a.s1.id, lines: line(w.b.ownSkuId) } })),
      refused("its own store with tenant A's SKUs", (w) => ({ body: { fromLocationId: w.b.store.id, toLocationId: w.a.catalog.warehouseId, lines: line(w.a.catalog.skuIds[0]!) } })),
    ],
  },
  'GET /v1/stock/transfers': {
    probes: [
      ofS1((w) => ({ query: { locationId: w.a.s1.id } })),
      ofS1((w) => ({ query: { locationId: w.a.s1.id, direction: 'inbound', status: 'in_transit' } }), 'inbound, in transit'),
      { label: "tenant A's warehouse", otherTenant: 'not_found', wrongStore: 'refused', request: (w) => ({ query: { locationId: w.a.catalog.warehouseId } }) },
    ],
  },
  'GET /v1/stock/transfers/{id}': { probes: [ofS1((w) => ({ params: { id: w.a.transfers.transferId } }))] },
  'POST /v1/stock/transfers/{id}/receive': { probes: [onS1((w) => ({ params: { id: w.a.transfers.transferId }, body: {} }))] },
  'POST /v1/stock/transfers/{id}/close': { probes: [onS1((w) => ({ params: { id: w.a.transfers.transferId }, body: { reason: 'probe' } }))] },

  'POST /v1/stocktakes': {
    probes: [
      refused("at tenant A's S1", (w) => ({ body: { locationId: w.a.s1.id, counts: [{ skuId: w.a.catalog.skuIds[0]!, counted: 0 }] } })),
      refused("at tenant A's warehouse", (w) => ({ body: { locationId: w.a.catalog.warehouseId, counts: [{ skuId: w.a.catalog.skuIds[0]!, counted: 0 }] } })),
      refused("its own store with tenant A's SKUs", (w) => ({ body: { locationId: w.b.store.id, counts: [{ skuId: w.a.catalog.skuIds[0]!, counted: 5 }] } })),
    ],
  },
  'GET /v1/stocktakes': { probes: [ofS1((w) => ({ query: { locationId: w.a.s1.id } }))] },
  'GET /v1/stocktakes/{id}': { probes: [ofS1((w) => ({ params: { id: w.a.transfers.stocktakeId } }))] },

  'PUT /v1/stores/{id}/replenishment/levels': {
    probes: [
      onS1((w) => ({ params: { id: w.a.s1.id }, body: { levels: [{ skuId: w.a.catalog.skuIds[0]!, min: 0, max: 99 }] } })),
      refused("its own store with tenant A's SKUs", (w) => ({ params: { id: w.b.store.id }, body: { levels: [{ skuId: w.a.catalog.skuIds[0]!, min: 0, max: 1 }] } })),
    ],
  },
  'GET /v1/stores/{id}/replenishment/levels': { probes: [ofS1((w) => ({ params: { id: w.a.s1.id } }))] },
  'GET /v1/stores/{id}/replenishment/suggestions': { probes: [ofS1((w) => ({ params: { id: w.a.s1.id } })), ofS1((w) => ({ params: { id: w.a.s1.id }, query: { windowDays: '7', leadTimeDays: '2' } }), 'a 7-day window')] },

  'POST /v1/replenishment-orders': {
    probes: [
      refused("for tenant A's S1", (w) => ({ body: { storeId: w.a.s1.id, warehouseId: w.a.catalog.warehouseId, lines: line(w.a.catalog.skuIds[0]!) } })),
      refused("its own store from tenant A's warehouse", (w) => ({ body: { storeId: w.b.store.id, warehouseId: w.a.catalog.warehouseId, lines: line(w.b.ownSkuId) } })),
    ],
  },
  'GET /v1/replenishment-orders': {
    probes: [
      ofS1((w) => ({ query: { storeId: w.a.s1.id } })),
      ofS1((w) => ({ query: { storeId: w.a.s1.id, status: 'submitted' } }), 'submitted'),
      { label: "tenant A's warehouse", otherTenant: 'not_found', wrongStore: 'refused', request: (w) => ({ query: { warehouseId: w.a.catalog.warehouseId } }) },
    ],
  },
  'GET /v1/replenishment-orders/{id}': { probes: [ofS1((w) => ({ params: { id: w.a.transfers.orderId } }))] },
  'POST /v1/replenishment-orders/{id}/ship': { probes: [onS1((w) => ({ params: { id: w.a.transfers.orderId }, body: {} }))] },
  'POST /v1/replenishment-orders/{id}/cancel': { probes: [onS1((w) => ({ params: { id: w.a.transfers.orderId }, body: {} }))] },
};

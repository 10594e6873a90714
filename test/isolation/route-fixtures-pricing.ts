// How the price engine's routes are aimed at tenant A's data (see route-fixtures.ts). Price lists
// are HQ's (hq_admin only: A's S2 staff get 403 before anything is read); prices are resolved and
// quoted per store, so A's S2 staff get 404 for S1 exactly as tenant B does. The helpers are
// local because route-fixtures.ts imports this file.
import { randomBytes } from 'node:crypto';
import type { Probe, ProbeRequest, RouteFixtures } from './fixture-types.ts';
import type { World } from './world.ts';

const hex = () => randomBytes(4).toString('hex');
/** A fixed moment, so A's own reads of the resolve probe are the same before and after each route. */
const AT = '2030-01-01T00:00:00.000Z';

const ofS1 = (request: (w: World) => ProbeRequest): Probe => ({ otherTenant: 'not_found', s1Control: true, request });
const refused = (label: string, request: (w: World) => ProbeRequest): Probe => ({ label, otherTenant: 'refused', request });
const draft = (extra: Record<string, unknown>) => ({ name: `Probe ${hex()}`, priority: 1, status: 'draft', ...extra });
const basket = (w: World, storeId: string) => ({ storeId, channel: 'pos', at: AT, lines: [{ skuId: w.a.pricing.skuId, quantity: 2 }] });

export const pricingRouteFixtures: RouteFixtures = {
  'POST /v1/price-lists': {
    probes: [
      refused("scoped to tenant A's store", (w) => ({ body: draft({ scope: { storeIds: [w.a.s1.id] } }) })),
      refused("scoped to tenant A's region", (w) => ({ body: draft({ scope: { regionIds: [w.a.regionId] } }) })),
      refused("pricing tenant A's SKU", (w) => ({ body: draft({ prices: [{ skuId: w.a.pricing.skuId, amount: 1 }] }) })),
      refused("a promotion on tenant A's category", (w) => ({
        body: draft({ kind: 'promotion', promotion: { type: 'percent_off_category', categoryId: w.a.pricing.categoryId, rateBps: 100 } }),
      })),
    ],
  },
  'GET /v1/price-lists': {
    probes: [
      { otherTenant: 'allowed', request: () => ({}) },
      { label: "with tenant A's cursor", otherTenant: 'either', request: (w) => ({ query: { limit: '1', cursor: w.a.pricing.cursor } }) },
    ],
  },
  'GET /v1/price-lists/{id}': { probes: [{ otherTenant: 'not_found', request: (w) => ({ params: { id: w.a.pricing.storeListId } }) }] },
  'GET /v1/price-lists/{id}/prices': { probes: [{ otherTenant: 'not_found', request: (w) => ({ params: { id: w.a.pricing.storeListId } }) }] },
  'PATCH /v1/price-lists/{id}': {
    probes: [{ otherTenant: 'not_found', request: (w) => ({ params: { id: w.a.pricing.storeListId }, body: { name: 'Probe', priority: 1, status: 'archived' } }) }],
  },
  'GET /v1/prices/resolve': {
    probes: [ofS1((w) => ({ query: { storeId: w.a.s1.id, channel: 'pos', skuIds: w.a.pricing.skuId, at: AT, member: 'true' } }))],
  },
  'POST /v1/prices:quote': {
    probes: [
      { otherTenant: 'not_found', request: (w) => ({ body: basket(w, w.a.s1.id) }) },
      refused("tenant B's own store with A's SKUs", (w) => ({ body: basket(w, w.b.store.id) })),
    ],
  },
  'GET /v1/stores/{id}/price-version': { probes: [ofS1((w) => ({ params: { id: w.a.s1.id } }))] },
  'PUT /v1/stores/{id}/price-version/acknowledgement': {
    probes: [{ otherTenant: 'not_found', request: (w) => ({ params: { id: w.a.s1.id }, body: { version: 1 } }) }],
  },
};

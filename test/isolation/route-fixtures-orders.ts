// How the order, payment and fulfilment routes are aimed at tenant A's data (see route-fixtures.ts).
// Every order, payment and task is S1's: another tenant and S2's staff get 404, S1's manager reads
// them. Placing an order at A's store is 404; at one's own store with A's SKUs, a 400.
import { randomUUID } from 'node:crypto';
import type { Probe, ProbeRequest, RouteFixtures } from './fixture-types.ts';
import type { World } from './world.ts';

const ofS1 = (request: (w: World) => ProbeRequest, label?: string): Probe => ({ label, otherTenant: 'not_found', s1Control: true, request });
const keyed = (r: ProbeRequest): ProbeRequest => ({ ...r, headers: { 'idempotency-key': randomUUID(), ...r.headers } });
const order = (storeId: string, skuId: string) => ({ storeId, channel: 'pos', lines: [{ skuId, quantity: 1 }] });

export const orderRouteFixtures: RouteFixtures = {
  'POST /v1/orders': {
    probes: [
      { label: "at tenant A's S1", otherTenant: 'not_found', request: (w) => keyed({ body: order(w.a.s1.id, w.a.catalog.skuIds[0]!) }) },
      { label: "its own store with tenant A's SKUs", otherTenant: 'refused', wrongStore: 'refused', request: (w) => keyed({ body: order(w.b.store.id, w.a.catalog.skuIds[0]!) }) },
    ],
  },
  'GET /v1/orders/{id}': { probes: [ofS1((w) => ({ params: { id: w.a.orders.posOrderId } }))] },
  'GET /v1/orders': { probes: [ofS1((w) => ({ query: { storeId: w.a.s1.id } }))] },
  'POST /v1/orders/{id}/cancel': { probes: [{ otherTenant: 'not_found', request: (w) => ({ params: { id: w.a.orders.pickupOrderId }, body: {} }) }] },
  'POST /v1/orders/{id}/returns': {
    probes: [{ otherTenant: 'not_found', request: (w) => ({ params: { id: w.a.orders.posOrderId }, body: { lines: [{ skuId: w.a.catalog.skuIds[1]!, quantity: 1 }], reason: 'probe' } }) }],
  },
  'POST /v1/payments': { probes: [{ otherTenant: 'not_found', request: (w) => keyed({ body: { orderId: w.a.orders.pickupOrderId, flow: 'cash' } }) }] },
  'GET /v1/payments/{id}': { probes: [ofS1((w) => ({ params: { id: w.a.orders.paymentId } }))] },
  'POST /v1/payments/{id}/refunds': { probes: [{ otherTenant: 'not_found', request: (w) => keyed({ params: { id: w.a.orders.paymentId }, body: { amount: 1, reason: 'probe' } }) }] },
  // A chain's provider accounts are its own: B sees and sets B's, and a tenantId in the body changes nothing.
  'GET /v1/payment-providers': { probes: [{ otherTenant: 'allowed', request: () => ({}) }] },
  'PUT /v1/payment-providers/{provider}': {
    probes: [
      { label: 'its own account', otherTenant: 'allowed', request: () => ({ params: { provider: 'wechat' }, body: { mode: 'sandbox' } }) },
      { label: 'naming tenant A in the body', otherTenant: 'either', request: (w) => ({ params: { provider: 'alipay' }, body: { mode: 'sandbox', tenantId: w.a.tenantId } }) },
    ],
  },
  'GET /v1/payment-providers/{provider}/sandbox-credentials': { probes: [{ otherTenant: 'allowed', request: () => ({ params: { provider: 'alipay' } }) }] },
  'GET /v1/fulfilments': { probes: [ofS1((w) => ({ query: { storeId: w.a.s1.id } }))] },
  'POST /v1/fulfilments/{id}/{action}': { probes: [{ otherTenant: 'not_found', request: (w) => ({ params: { id: w.a.orders.fulfilmentId, action: 'pick' }, body: {} }) }] },
};

// How the terminal routes are aimed at tenant A's till in S1 (see route-fixtures.ts). Codes are
// issued and tills removed by HQ and field engineers only, so S2's staff are refused by the route;
// another tenant's engineer or admin gets 404 for A's store and A's till.
import type { Probe, ProbeRequest, RouteFixtures } from './fixture-types.ts';
import type { World } from './world.ts';

const ofS1 = (request: (w: World) => ProbeRequest, label?: string): Probe => ({ label, otherTenant: 'not_found', s1Control: true, request });
const onS1 = (request: (w: World) => ProbeRequest): Probe => ({ otherTenant: 'not_found', request });

export const terminalRouteFixtures: RouteFixtures = {
  'POST /v1/stores/{storeId}/provisioning-codes': { probes: [onS1((w) => ({ params: { storeId: w.a.s1.id }, body: {} }))] },
  'GET /v1/terminals': {
    probes: [
      ofS1((w) => ({ query: { storeId: w.a.s1.id } }), "tenant A's S1"),
      { label: 'its own terminals', otherTenant: 'allowed', request: () => ({}) },
    ],
  },
  'GET /v1/terminals/{id}': { probes: [ofS1((w) => ({ params: { id: w.a.terminals.terminalId } }))] },
  'DELETE /v1/terminals/{id}': { probes: [onS1((w) => ({ params: { id: w.a.terminals.terminalId } }))] },
};

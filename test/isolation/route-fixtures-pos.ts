// How the offline-till routes are aimed at tenant A's till in S1 (see route-fixtures.ts). Syncing
// names A's till in the body and reading its sync status names it in the path: another tenant's
// store staff and S2's get 404 for both, as if the till did not exist, and nothing is recorded.
import { randomUUID } from 'node:crypto';
import type { RouteFixtures } from './fixture-types.ts';
import type { World } from './world.ts';

const sale = (w: World) => ({
  clientSaleId: `probe-${randomUUID()}`,
  seq: 1,
  occurredAt: new Date(Date.now() - 60_000).toISOString(),
  storeId: w.a.s1.id,
  lines: [{ skuId: w.a.catalog.skuIds[0]!, quantity: 1, unitPrice: 100 }],
  payments: [{ method: 'cash', amount: 100 }],
});

export const posRouteFixtures: RouteFixtures = {
  'POST /v1/pos/sales:sync': { probes: [{ label: "tenant A's S1 till", otherTenant: 'not_found', request: (w) => ({ body: { terminalId: w.a.terminals.terminalId, sales: [sale(w)] } }) }] },
  'GET /v1/pos/terminals/{id}/sync-status': { probes: [{ otherTenant: 'not_found', s1Control: true, request: (w) => ({ params: { id: w.a.terminals.terminalId } }) }] },
};

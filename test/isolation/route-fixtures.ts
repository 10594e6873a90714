// How to aim every HTTP route of infra/manifest.ts at tenant A's data. The walker fails for any
// route missing here, so a new route cannot ship without saying how it keeps tenants apart.
import { randomBytes } from 'node:crypto';
import { PASSWORD } from '../support/api.ts';
import type { Probe, ProbeRequest, RouteFixtures } from './fixture-types.ts';
import { jobFinished, type World } from './world.ts';
import { catalogRouteFixtures } from './route-fixtures-catalog.ts';
import { pricingRouteFixtures } from './route-fixtures-pricing.ts';
import { stockRouteFixtures } from './route-fixtures-stock.ts';
import { transferRouteFixtures } from './route-fixtures-transfers.ts';
import { terminalRouteFixtures } from './route-fixtures-terminals.ts';
import { orderRouteFixtures } from './route-fixtures-orders.ts';
import { posRouteFixtures } from './route-fixtures-pos.ts';
import { channelRouteFixtures } from './route-fixtures-channels.ts';

const hex = () => randomBytes(4).toString('hex');

/** Addresses one of A's resources by id: another tenant and the wrong store both get 404. */
export const byId = (request: (w: World) => ProbeRequest): Probe => ({ otherTenant: 'not_found', request });

/** Addresses S1 itself or something of S1's: as byId, and S1's own manager may read it. */
export const ofStore1 = (request: (w: World) => ProbeRequest): Probe => ({ ...byId(request), s1Control: true });

/** About the caller's own tenant: it works, and shows nothing of A. */
const ownTenant = (request: (w: World) => ProbeRequest = () => ({}), label?: string): Probe => ({ label, otherTenant: 'allowed', request });

/** A list read with A's cursor: refusing it or ignoring it are both fine, A's next page is not. */
const foreignCursor = (cursor: (w: World) => string): Probe => ({
  label: "with tenant A's cursor",
  otherTenant: 'either',
  request: (w) => ({ query: { limit: '1', cursor: cursor(w) } }),
});

const franchiseApplication = (code: string, regionId: string) => ({
  code,
  applicant: { legalName: 'Probe Ltd', licenseNo: 'PROBE-1', contactName: 'Probe', phone: '+8613800000000', email: `probe-${hex()}@example.com`, password: PASSWORD },
  store: { name: 'Probe', address: '1 Probe Road', regionId },
  settlementAccount: { bankName: 'Probe Bank', accountName: 'Probe', accountNo: '6222000000000000' },
});

export const routeFixtures: RouteFixtures = {
  ...catalogRouteFixtures,
  ...pricingRouteFixtures,
  ...stockRouteFixtures,
  ...transferRouteFixtures,
  ...terminalRouteFixtures,
  ...orderRouteFixtures,
  ...posRouteFixtures,
  ...channelRouteFixtures,
  'POST /v1/tenants': { exempt: 'public signup: creates a new tenant and reads no existing one; the caller has no tenant to confine' },
  'POST /v1/auth/token': { exempt: 'public sign-in: the slug names the tenant and the password proves membership; it returns only a token' },

  'GET /v1/tenant': { probes: [ownTenant()] },
  'PATCH /v1/tenant': {
    probes: [
      ownTenant(() => ({ body: { name: `Probe ${hex()}` } }), 'renaming its own tenant'),
      // The schema is strict, so refusing is fine; renaming A is not (the walk compares A's data).
      { label: 'naming tenant A in the body', otherTenant: 'either', request: (w) => ({ body: { name: `Probe ${hex()}`, tenantId: w.a.tenantId } }) },
    ],
  },
  'GET /v1/tenant/events': { probes: [ownTenant()] },
  'GET /v1/regions': { probes: [ownTenant()] },
  'GET /v1/audit': { probes: [ownTenant(), foreignCursor((w) => w.a.cursors.audit)] },

  'GET /v1/stores': {
    probes: [
      ownTenant(),
      // For S2's users A's region is their own, so this must list S2 and only S2.
      ownTenant((w) => ({ query: { regionId: w.a.regionId } }), "filtered by tenant A's region"),
      foreignCursor((w) => w.a.cursors.stores),
    ],
  },
  'GET /v1/stores/{id}': { probes: [ofStore1((w) => ({ params: { id: w.a.s1.id } }))] },
  'POST /v1/stores:import': {
    probes: [
      {
        // Regions are matched by name: the row must be refused in B's job, never imported into A.
        label: "rows in tenant A's region",
        otherTenant: 'allowed',
        request: (w) => ({
          rawBody: `code,name,regionName,ownership,address\nP-${hex()},Probe,${w.a.regionName},direct,1 Probe Road`,
          headers: { 'content-type': 'text/csv' },
        }),
        settle: (api, token, body) => jobFinished(api, token, body.id),
      },
    ],
  },
  // Jobs are their creator's: anyone else, in A or not, gets 404.
  'GET /v1/jobs/{id}': { probes: [byId((w) => ({ params: { id: w.a.jobId } }))] },

  'POST /v1/franchise/invitations': {
    probes: [{ label: "for tenant A's region", otherTenant: 'refused', request: (w) => ({ body: { regionId: w.a.regionId } }) }],
  },
  'POST /v1/franchise/applications': {
    probes: [
      {
        // Public: the code names the tenant. B's code with A's region must not open a store
        // application in A's region. Every caller sends it, so past the per-code limit the
        // refusal is 429 rather than 400; both are refusals.
        label: "tenant B's code, tenant A's region",
        otherTenant: 'refused',
        request: (w) => ({ body: franchiseApplication(w.b.invitationCode, w.a.regionId) }),
      },
    ],
  },
  'GET /v1/franchise/applications': { probes: [ownTenant(), ownTenant(() => ({ query: { status: 'submitted' } }), 'submitted only')] },
  'GET /v1/franchise/applications/{id}': { probes: [byId((w) => ({ params: { id: w.a.applicationId } }))] },
  'POST /v1/franchise/applications/{id}/approve': { probes: [byId((w) => ({ params: { id: w.a.applicationId }, body: {} }))] },
  'POST /v1/franchise/applications/{id}/reject': { probes: [byId((w) => ({ params: { id: w.a.applicationId }, body: { reason: 'probe' } }))] },

  'POST /v1/users': {
    probes: [
      {
        label: "scoped to tenant A's store",
        otherTenant: 'refused',
        request: (w) => ({ body: { email: `probe-${hex()}@example.com`, password: PASSWORD, role: 'store_manager', storeIds: [w.a.s1.id] } }),
      },
      {
        // Tenant context comes from the token only: a tenantId in the body is refused or ignored.
        label: 'naming tenant A in the body',
        otherTenant: 'either',
        request: (w) => ({ body: { email: `probe-${hex()}@example.com`, password: PASSWORD, role: 'hq_admin', tenantId: w.a.tenantId } }),
      },
    ],
  },
  'POST /v1/regions': {
    probes: [{ label: 'naming tenant A in the body', otherTenant: 'either', request: (w) => ({ body: { name: `Probe ${hex()}`, tenantId: w.a.tenantId } }) }],
  },
  'POST /v1/stores': {
    probes: [
      {
        label: "in tenant A's region",
        otherTenant: 'refused',
        request: (w) => ({ body: { code: `P-${hex()}`, name: 'Probe', regionId: w.a.regionId, ownership: 'direct', address: '1 Probe Road' } }),
      },
      {
        // Store codes are unique per chain: a 409 here would tell B that A uses this code.
        label: "reusing tenant A's store code",
        otherTenant: 'allowed',
        request: (w) => ({ body: { code: w.a.s3.code, name: 'Probe', regionId: w.b.regionId, ownership: 'direct', address: '1 Probe Road' } }),
      },
    ],
  },
};

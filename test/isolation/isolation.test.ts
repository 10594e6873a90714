// Isolation you can prove: every HTTP route in the manifest, called by tenant B's users, by
// tenant A's users of the wrong store and without a token, refuses as API.md says and returns
// nothing of tenant A. Routes come from the manifest, so a new route is walked (or fails for want
// of a fixture) without anyone editing this file. The same walk, given the deliberately leaking
// route the test cloud also serves (test/fixtures/leaky-manifest.ts), must report that route and
// only it: the proof that a clean walk means something. Both share one world of tenants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest.ts';
import { cloud } from '../support/api.ts';
import { LEAKY_ROUTE, leakyManifest } from '../fixtures/leaky-manifest.ts';
import { apiAt, type Api } from './client.ts';
import { describeViolation, type Violation } from './probe-checks.ts';
import { byId, routeFixtures } from './route-fixtures.ts';
import { fixtureCoverage, walkRoutes } from './walk-routes.ts';
import { buildWorld, type World } from './world.ts';

let world: World;
// Six calls in flight keep the walk's bursts within what the local cloud serves beside the other lanes.
const api = () => {
  const client = apiAt(cloud().apiUrl, { maxInFlight: 6 });
  clients.push(client);
  return client;
};
const clients: Api[] = [];
// What the walk cost, for whoever is making it faster: calls sent and waits on the request quota.
afterAll(() => {
  const calls = clients.reduce((n, c) => n + (c.stats?.calls ?? 0), 0);
  const waits = clients.reduce((n, c) => n + (c.stats?.quotaWaits ?? 0), 0);
  console.log(`isolation walk: ${calls} calls, ${waits} waits on the request quota`);
});

beforeAll(async () => {
  world = await buildWorld(api(), cloud());
}, 600_000);

describe('tenant isolation across every route', () => {
  it('has a fixture for every HTTP route in the manifest', () => {
    expect(fixtureCoverage(manifest, routeFixtures).map(describeViolation)).toEqual([]);
  });

  // Minutes: every probe of every route (more with each context), on 2 cores beside other projects.
  it("never lets tenant B, the wrong store or an anonymous caller reach tenant A's data", { timeout: 600_000 }, async () => {
    const violations = await walkRoutes({ api: api(), manifest, fixtures: routeFixtures, world });
    expect(violations.map(describeViolation)).toEqual([]);
  });
});

describe('the isolation walk', () => {
  let violations: Violation[];
  const problemsOf = (actor: string) => violations.filter((v) => v.actor === actor).map((v) => v.problem);

  beforeAll(async () => {
    // The fixture is the one an honest author would write for a by-id route.
    const fixtures = { [LEAKY_ROUTE]: { probes: [byId((w) => ({ params: { id: w.a.s1.id } }))] } };
    const leakyOnly = { ...leakyManifest, functions: { leakyStoreSummary: leakyManifest.functions.leakyStoreSummary! } };
    violations = await walkRoutes({ api: api(), manifest: leakyOnly, fixtures, world });
  }, 300_000);

  it('fails a new route that has no fixture, naming the route', () => {
    expect(fixtureCoverage(leakyManifest, routeFixtures).map(describeViolation)).toEqual([
      `${LEAKY_ROUTE}: needs a fixture: add "${LEAKY_ROUTE}" to test/isolation/route-fixtures.ts saying how to call it with tenant A's ids`,
    ]);
  });

  it('refuses to exempt a route that is not public, and a fixture whose route is gone', () => {
    const fixtures = { ...routeFixtures, 'GET /v1/stores/{id}': { exempt: 'trust me' }, 'GET /v1/gone': { probes: [] } };
    expect(fixtureCoverage(manifest, fixtures).map(describeViolation)).toEqual([
      'GET /v1/stores/{id}: is exempt in test/isolation/route-fixtures.ts but its access is "signedIn"; only public routes may be exempt',
      'GET /v1/gone: has a fixture in test/isolation/route-fixtures.ts but the manifest declares no such route',
    ]);
  });

  it('reports the leaking route', () => {
    expect([...new Set(violations.map((v) => v.route))]).toEqual([LEAKY_ROUTE]);
  });

  it("reports that tenant B's users get tenant A's store instead of 404", () => {
    for (const actor of ['B hq_admin', 'B field_engineer', 'B store_manager', 'B cashier', 'B franchisee'])
      expect(problemsOf(actor), actor).toEqual([
        expect.stringMatching(/^expected 404 not_found, got 200 /),
        expect.stringMatching(/^the response holds tenant A's data: .*S1 code, S1 name, S1 address/),
      ]);
  });

  it("reports that S2's users get S1 instead of 404", () => {
    for (const actor of ['A store_manager of S2', 'A cashier of S2', 'A franchisee of S2'])
      expect(problemsOf(actor), actor).toEqual([
        expect.stringMatching(/^expected 404 not_found, got 200 /),
        expect.stringMatching(/^the response holds store S1's data: S1 code, S1 name, S1 address/),
      ]);
  });

  it('still sees the route refuse a caller without a token', () => {
    expect(problemsOf('anonymous')).toEqual([]);
  });
});

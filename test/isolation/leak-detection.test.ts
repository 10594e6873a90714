// Proof that the isolation walk would catch a leak: a second local cloud runs the real manifest
// plus one deliberately leaking route (test/fixtures/functions/leaky-store-summary.ts), and the
// same walk that passes against the real cloud must report that route, and only that route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../local/cloud.ts';
import { manifest } from '../../infra/manifest.ts';
import { LEAKY_ROUTE, leakyManifest } from '../fixtures/leaky-manifest.ts';
import { apiAt } from './client.ts';
import { describeViolation, type Violation } from './probe-checks.ts';
import { byId, routeFixtures } from './route-fixtures.ts';
import { fixtureCoverage, walkRoutes } from './walk-routes.ts';
import { buildWorld } from './world.ts';

let cloud: LocalCloud | undefined;
let violations: Violation[];

// The walk proper is the leaky route's alone: every real route is walked, and must be clean, in
// isolation.test.ts; here the point is that the same walk reports this one. Still a second whole
// cloud and world on 2 cores: minutes.
beforeAll(async () => {
  cloud = await startLocalCloud({ port: 0, mqttPort: 0, stage: 'leaky', manifest: leakyManifest });
  // No warming of all 80 functions at once: starting them side by side on 2 cores timed signup out
  // (408), and the walk here calls one route; the world's routes start as it calls them, as in
  // isolation.test.ts.
  const api = apiAt(cloud.apiUrl);
  const world = await buildWorld(api, cloud);
  // The fixture is the one an honest author would write for a by-id route.
  const fixtures = { [LEAKY_ROUTE]: { probes: [byId((w) => ({ params: { id: w.a.s1.id } }))] } };
  const leakyOnly = { ...leakyManifest, functions: { leakyStoreSummary: leakyManifest.functions.leakyStoreSummary! } };
  violations = await walkRoutes({ api, manifest: leakyOnly, fixtures, world });
}, 600_000);

afterAll(async () => {
  await cloud?.stop();
});

const problemsOf = (actor: string) => violations.filter((v) => v.actor === actor).map((v) => v.problem);

describe('the isolation walk', () => {
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

// Isolation you can prove: every HTTP route in the manifest, called by tenant B's users, by
// tenant A's users of the wrong store and without a token, refuses as API.md says and returns
// nothing of tenant A. Routes come from the manifest, so a new route is walked (or fails for want
// of a fixture) without anyone editing this file.
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest.ts';
import { cloud } from '../support/api.ts';
import { apiAt } from './client.ts';
import { describeViolation } from './probe-checks.ts';
import { routeFixtures } from './route-fixtures.ts';
import { fixtureCoverage, walkRoutes } from './walk-routes.ts';
import { buildWorld, type World } from './world.ts';

let world: World;
const api = () => apiAt(cloud().apiUrl);

beforeAll(async () => {
  world = await buildWorld(api(), cloud());
});

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

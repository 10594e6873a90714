// The isolation walk reads tenant A once per batch of routes that must not write; this proves a
// write hidden in a batch is still caught and pinned on the route that made it, against a fake API
// where one route writes to A when tenant B calls it.
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../infra/manifest-schema.ts';
import type { Api } from '../isolation/client.ts';
import type { Probe } from '../isolation/fixture-types.ts';
import { walkRoutes } from '../isolation/walk-routes.ts';
import type { World } from '../isolation/world.ts';

const envelope = (status: number, code: string) => ({ status, body: { error: { code, message: code, requestId: 'req' } } });

const fakeApi = (writer: string | undefined): Api => {
  let aData = 0;
  return {
    baseUrl: 'http://fake',
    call: async (method, path, options = {}) => {
      const key = `${method} ${path.split('?')[0]}`;
      const { status, body } = (() => {
        if (!options.token) return envelope(401, 'unauthenticated');
        if (key === 'GET /v1/things') return options.token === 'A' ? { status: 200, body: { count: aData } } : envelope(404, 'not_found');
        if (key === writer && options.token === 'B') aData++;
        return envelope(404, 'not_found');
      })();
      return { status, body: body as never, text: JSON.stringify(body), headers: new Headers() };
    },
  };
};

const routes = ['GET /v1/things', 'POST /v1/quiet', 'POST /v1/leaky-write', 'POST /v1/also-quiet'];
const manifest = {
  functions: Object.fromEntries(
    routes.map((key, i) => {
      const [method, path] = key.split(' ');
      return [`f${i}`, { trigger: { type: 'http', method, path, access: ['hq_admin'] } }];
    }),
  ),
} as unknown as Manifest;
const probe: Probe = { otherTenant: 'not_found', request: () => ({}) };
const fixtures = Object.fromEntries(routes.map((key) => [key, { probes: [probe] }]));
const world = {
  a: { adminToken: 'A', s1Manager: { token: 'S1' } },
  probes: [
    { name: 'B hq_admin', group: 'otherTenant', role: 'hq_admin', token: 'B' },
    { name: 'anonymous', group: 'anonymous' },
  ],
  secrets: { tenantA: new Map(), store1: new Map() },
} as unknown as World;

describe('the isolation walk over a batch of routes', () => {
  it('names the one route that changed tenant A, and no other', async () => {
    const violations = await walkRoutes({ api: fakeApi('POST /v1/leaky-write'), manifest, fixtures, world });
    expect(violations).toEqual([{ route: 'POST /v1/leaky-write', actor: 'tenant B or no token', problem: expect.stringMatching(/^tenant A's data changed: GET \/v1\/things/) }]);
  });

  it('reports nothing when no route writes', async () => {
    expect(await walkRoutes({ api: fakeApi(undefined), manifest, fixtures, world })).toEqual([]);
  });
});

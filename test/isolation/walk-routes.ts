// Walks every HTTP route the manifest declares with callers who must not reach tenant A's data:
// tenant B's users, A's users scoped to the wrong store, and no token at all. Returns what went
// wrong rather than asserting, so the same walk runs against the real cloud (expecting nothing)
// and against a cloud with a deliberately leaking route (expecting exactly that route).
import { randomBytes } from 'node:crypto';
import type { HttpAccess, Manifest } from '../../infra/manifest-schema.ts';
import type { Api } from './client.ts';
import type { Outcome, Probe, ProbeRequest, RouteFixtures } from './fixture-types.ts';
import { envelopeProblem, expectedFor, leakedSecrets, permits, statusProblem, type Violation } from './probe-checks.ts';
import type { Actor, World } from './world.ts';

export type HttpRoute = { key: string; method: string; path: string; access: HttpAccess };

export const httpRoutes = (manifest: Manifest): HttpRoute[] =>
  Object.values(manifest.functions)
    .flatMap(({ trigger: t }) => (t.type === 'http' ? [{ key: `${t.method} ${t.path}`, method: t.method, path: t.path, access: t.access }] : []))
    .sort((a, b) => a.key.localeCompare(b.key));

const FIXTURES_FILE = 'test/isolation/route-fixtures.ts';

/** Every route has a fixture, only public routes are exempt, and no fixture outlives its route. */
export const fixtureCoverage = (manifest: Manifest, fixtures: RouteFixtures): Violation[] => {
  const routes = httpRoutes(manifest);
  const declared = new Set(routes.map((r) => r.key));
  const problems = routes.flatMap((route): Violation[] => {
    const fixture = fixtures[route.key];
    if (!fixture)
      return [{ route: route.key, problem: `needs a fixture: add "${route.key}" to ${FIXTURES_FILE} saying how to call it with tenant A's ids` }];
    if ('exempt' in fixture && route.access !== 'public')
      return [{ route: route.key, problem: `is exempt in ${FIXTURES_FILE} but its access is ${JSON.stringify(route.access)}; only public routes may be exempt` }];
    if ('probes' in fixture && fixture.probes.length === 0) return [{ route: route.key, problem: `has no probes in ${FIXTURES_FILE}` }];
    return [];
  });
  const stale = Object.keys(fixtures).filter((key) => !declared.has(key));
  return [...problems, ...stale.map((key) => ({ route: key, problem: `has a fixture in ${FIXTURES_FILE} but the manifest declares no such route` }))];
};

const hex = () => randomBytes(6).toString('hex');

type Built = { url: string; missing: string[]; request: ProbeRequest };

const build = (route: HttpRoute, probe: Probe, world: World): Built => {
  const request = probe.request(world);
  const missing: string[] = [];
  const path = route.path.replace(/\{(\w+)\+?\}/g, (_, name: string) => {
    const value = request.params?.[name];
    if (value === undefined) missing.push(name);
    return encodeURIComponent(value ?? '');
  });
  const query = new URLSearchParams(request.query).toString();
  return { url: query ? `${path}?${query}` : path, missing, request };
};

const outcomeFor = (probe: Probe, actor: Actor): Outcome => (actor.group === 'wrongStore' ? (probe.wrongStore ?? probe.otherTenant) : probe.otherTenant);

const send = (api: Api, route: HttpRoute, built: Built, token: string | undefined) => {
  const headers: Record<string, string> = { ...built.request.headers };
  // Some creating routes require a key; a fresh one per call never replays anything.
  if (route.method !== 'GET') headers['idempotency-key'] ??= `isolation-${hex()}`;
  return api.call(route.method, built.url, { token, body: built.request.body, rawBody: built.request.rawBody, headers });
};

const probeOnce = async (api: Api, route: HttpRoute, probe: Probe, actor: Actor, world: World): Promise<Violation[]> => {
  const at = { route: route.key, actor: actor.name, probe: probe.label };
  const built = build(route, probe, world);
  if (built.missing.length) return [{ ...at, problem: `the fixture gives no value for path parameter(s) ${built.missing.join(', ')}` }];
  const seen = await send(api, route, built, actor.token);
  if (probe.settle && seen.status < 300) await probe.settle(api, actor.token, seen.body);
  const sent = [built.url, JSON.stringify(built.request.body ?? null), built.request.rawBody ?? '', ...Object.values(built.request.headers ?? {})].join('\n');
  const wrongStore = actor.group === 'wrongStore';
  const leaked = leakedSecrets(seen, wrongStore ? world.secrets.store1 : world.secrets.tenantA, sent);
  const problems = [
    statusProblem(seen, expectedFor(route.access, actor, outcomeFor(probe, actor))),
    envelopeProblem(seen),
    leaked.length ? `the response holds ${wrongStore ? "store S1's" : "tenant A's"} data: ${leaked.join(', ')}` : undefined,
  ];
  return problems.flatMap((problem) => (problem ? [{ ...at, problem }] : []));
};

type Walked = { route: HttpRoute; probes: readonly Probe[] };

/**
 * Tenant A's own view of every GET probe, read by A's hq_admin: the "nothing was written to A"
 * evidence, and the control that each probe addresses a real resource of A.
 */
const snapshotOfA = async (api: Api, world: World, walked: readonly Walked[]): Promise<Map<string, { status: number; text: string }>> => {
  const reads = walked
    .filter(({ route }) => route.method === 'GET' && permits(route.access, 'hq_admin'))
    .flatMap(({ route, probes }) => probes.map((probe) => ({ route, probe, key: `${route.key}${probe.label ? ` (${probe.label})` : ''}` })));
  const seen = await Promise.all(reads.map(({ route, probe }) => send(api, route, build(route, probe, world), world.a.adminToken)));
  // An error carries a fresh requestId each time; its status and code are what must not change.
  const stable = ({ status, text, body }: (typeof seen)[number]) => (status < 400 ? text : `${status} ${(body as { error?: { code?: string } })?.error?.code}`);
  return new Map(reads.map(({ key }, i) => [key, { status: seen[i]!.status, text: stable(seen[i]!) }]));
};

const changedReads = (before: Map<string, { text: string }>, after: Map<string, { text: string }>): string[] =>
  [...before].filter(([key, { text }]) => after.get(key)?.text !== text).map(([key]) => key);

/** The S1 manager may read what the S2 users are refused, or the 404 they got proves nothing. */
const storeControls = async (api: Api, walked: readonly Walked[], world: World): Promise<Violation[]> => {
  const checks = walked.flatMap(({ route, probes }) =>
    route.method === 'GET' && permits(route.access, 'store_manager') ? probes.filter((p) => p.s1Control).map((probe) => ({ route, probe })) : [],
  );
  const seen = await Promise.all(checks.map(({ route, probe }) => send(api, route, build(route, probe, world), world.a.s1Manager.token)));
  return checks.flatMap(({ route, probe }, i) =>
    seen[i]!.status < 300 ? [] : [{ route: route.key, probe: probe.label, actor: 'A store_manager of S1 (control)', problem: `got ${seen[i]!.status}: the probe does not address S1's data` }],
  );
};

export type WalkInput = { api: Api; manifest: Manifest; fixtures: RouteFixtures; world: World };

type Phase = { name: string; actors: readonly Actor[] };

/** S2's users belong to A: where the fixture lets them write, A may change. */
const mayWriteToA = ({ route, probes }: Walked, phase: Phase): boolean =>
  phase.name === 'the wrong store' &&
  route.method !== 'GET' &&
  phase.actors.some((actor) => permits(route.access, actor.role) && probes.some((p) => outcomeFor(p, actor) !== 'not_found' && outcomeFor(p, actor) !== 'refused'));

const probeRoute = async (api: Api, { route, probes }: Walked, phase: Phase, world: World): Promise<Violation[]> =>
  (await Promise.all(phase.actors.flatMap((actor) => probes.map((probe) => probeOnce(api, route, probe, actor, world))))).flat();

export const walkRoutes = async ({ api, manifest, fixtures, world }: WalkInput): Promise<Violation[]> => {
  const violations = fixtureCoverage(manifest, fixtures);
  const walked = httpRoutes(manifest).flatMap((route): Walked[] => {
    const fixture = fixtures[route.key];
    return fixture && 'probes' in fixture ? [{ route, probes: fixture.probes }] : [];
  });

  let snapshot = await snapshotOfA(api, world, walked);
  for (const [key, { status, text }] of snapshot)
    if (status >= 300) violations.push({ route: key, actor: 'A hq_admin (control)', problem: `got ${status}: the probe does not address tenant A's data: ${text.slice(0, 200)}` });
  violations.push(...(await storeControls(api, walked, world)));

  const phases: Phase[] = [
    { name: 'tenant B or no token', actors: world.probes.filter((a) => a.group !== 'wrongStore') },
    { name: 'the wrong store', actors: world.probes.filter((a) => a.group === 'wrongStore') },
  ];
  // Re-reading all of A after every route was most of the walk's time. Routes that must leave A
  // alone run in a batch with one read of A after it; only when that read differs are the batch's
  // routes walked again one at a time, each followed by a read, to name the one that wrote.
  const settle = async (batch: readonly Walked[], phase: Phase) => {
    if (!batch.length) return;
    const after = await snapshotOfA(api, world, walked);
    const changed = changedReads(snapshot, after);
    snapshot = after;
    if (!changed.length) return;
    const named: Violation[] = [];
    for (const entry of batch) {
      await probeRoute(api, entry, phase, world);
      const next = await snapshotOfA(api, world, walked);
      const again = changedReads(snapshot, next);
      snapshot = next;
      if (again.length) named.push({ route: entry.route.key, actor: phase.name, problem: `tenant A's data changed: ${again.join('; ')}` });
    }
    violations.push(...(named.length ? named : [{ route: batch.map((b) => b.route.key).join(', '), actor: phase.name, problem: `tenant A's data changed while these routes were walked: ${changed.join('; ')}` }]));
  };
  for (const phase of phases) {
    let batch: Walked[] = [];
    for (const entry of walked) {
      const writer = mayWriteToA(entry, phase);
      if (writer) {
        await settle(batch, phase);
        batch = [];
      }
      violations.push(...(await probeRoute(api, entry, phase, world)));
      if (writer) snapshot = await snapshotOfA(api, world, walked);
      else batch.push(entry);
    }
    await settle(batch, phase);
  }
  return violations;
};

// What a route fixture says: how to call the route with tenant A's ids, and what a caller who must
// not reach A's data may get back. The walker (walk-routes.ts) applies the rest uniformly.
import type { Api } from './client.ts';
import type { World } from './world.ts';

/**
 * - `not_found`: the request addresses one of A's resources; 404 not_found, existence never leaks.
 * - `refused`: the request names A's resources in its body or query; any 4xx but 401.
 * - `allowed`: the request acts on the caller's own tenant or store; 2xx, with none of A's data.
 * - `either`: 2xx or a 4xx refusal are both fine (an A cursor in B's list, say); never A's data.
 */
export type Outcome = 'not_found' | 'refused' | 'allowed' | 'either';

export type ProbeRequest = {
  /** Values for the route's `{name}` path parameters. */
  params?: Readonly<Record<string, string>>;
  query?: Readonly<Record<string, string>>;
  body?: unknown;
  /** A non-JSON body (CSV imports), sent with `headers['content-type']`. */
  rawBody?: string;
  headers?: Readonly<Record<string, string>>;
};

export type Probe = {
  /** Names the probe in reports when a route has several. */
  label?: string;
  /** What a tenant-B caller whose role the route admits must get. */
  otherTenant: Outcome;
  /** What an S2-scoped caller of tenant A whose role the route admits must get; defaults to otherTenant. */
  wrongStore?: Outcome;
  /** Built once per caller, so random values (emails, names) are fresh for each. */
  request: (world: World) => ProbeRequest;
  /**
   * The resource belongs to S1: S1's own store_manager must be able to read it, which shows that
   * the S2 users' 404 is about the store and not a broken fixture (GET probes only).
   */
  s1Control?: boolean;
  /** For a route that finishes its work later (a job): wait for it after a 2xx, before A is compared. */
  settle?: (api: Api, token: string | undefined, body: any) => Promise<void>;
};

/** Public routes have no caller identity to isolate; they are exempt only with a stated reason. */
export type RouteFixture = { exempt: string } | { probes: readonly Probe[] };

/** Keyed by the manifest's route key, `METHOD /path` (e.g. `GET /v1/stores/{id}`). */
export type RouteFixtures = Readonly<Record<string, RouteFixture>>;

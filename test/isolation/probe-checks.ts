// The judgements the walker makes about one response, as pure functions: which status the caller
// must get, whether a refusal is in the error envelope, and which of A's strings leaked into it.
import type { HttpAccess, Role } from '../../infra/manifest-schema.ts';
import type { Outcome } from './fixture-types.ts';
import type { Actor } from './world.ts';

export type Violation = { route: string; actor?: string; probe?: string; problem: string };

export const describeViolation = (v: Violation): string =>
  `${v.route}${v.probe ? ` (${v.probe})` : ''}${v.actor ? ` as ${v.actor}` : ''}: ${v.problem}`;

export const permits = (access: HttpAccess, role: Role | undefined): boolean =>
  access === 'public' || (role !== undefined && (access === 'signedIn' || access.includes(role)));

type Expected = { describe: string; accepts: (status: number, code: unknown) => boolean };

const exactly = (status: number, code: string): Expected => ({
  describe: `${status} ${code}`,
  accepts: (s, c) => s === status && c === code,
});
const refusal = (s: number) => s >= 400 && s < 500 && s !== 401;
const success = (s: number) => s >= 200 && s < 300;

const OUTCOMES: Readonly<Record<Outcome, Expected>> = {
  not_found: exactly(404, 'not_found'),
  refused: { describe: 'a 4xx refusal', accepts: (s) => refusal(s) },
  allowed: { describe: 'a 2xx answer', accepts: (s) => success(s) },
  either: { describe: 'a 2xx answer or a 4xx refusal', accepts: (s) => success(s) || refusal(s) },
};

/**
 * What `actor` must get: no token is 401 on every non-public route, a role the manifest does not
 * admit is 403 before anything is looked up, otherwise the fixture's outcome for its group.
 */
export const expectedFor = (access: HttpAccess, actor: Actor, outcome: Outcome): Expected => {
  if (actor.group === 'anonymous' && access !== 'public') return exactly(401, 'unauthenticated');
  if (actor.group !== 'anonymous' && !permits(access, actor.role)) return exactly(403, 'forbidden');
  return OUTCOMES[outcome];
};

export type Seen = { status: number; body: unknown; text: string; headers: Headers };

const errorOf = (body: unknown): Record<string, unknown> | undefined => {
  const error = (body as { error?: unknown } | undefined)?.error;
  return error && typeof error === 'object' ? (error as Record<string, unknown>) : undefined;
};

export const statusProblem = (seen: Seen, expected: Expected): string | undefined =>
  expected.accepts(seen.status, errorOf(seen.body)?.code) ? undefined : `expected ${expected.describe}, got ${seen.status} ${seen.text.slice(0, 200)}`;

/** API.md: every error is `{ error: { code, message, details?, requestId } }`. */
export const envelopeProblem = (seen: Seen): string | undefined => {
  if (seen.status < 400) return undefined;
  const error = errorOf(seen.body);
  const ok = error && typeof error.code === 'string' && typeof error.message === 'string' && typeof error.requestId === 'string';
  return ok ? undefined : `${seen.status} is not in the error envelope: ${seen.text.slice(0, 200)}`;
};

/**
 * Labels of the secrets found in the response body or headers. What the caller sent is left out:
 * echoing a caller's own input back is not a leak, anything else of A's is.
 */
export const leakedSecrets = (seen: Seen, secrets: ReadonlyMap<string, string>, sent: string): string[] => {
  const headers = [...seen.headers].filter(([name]) => name !== 'date').map(([name, value]) => `${name}: ${value}`);
  const haystack = [seen.text, ...headers].join('\n');
  return [...secrets].filter(([value]) => !sent.includes(value) && haystack.includes(value)).map(([, label]) => label);
};

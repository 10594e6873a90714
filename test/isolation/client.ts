// A public-API client bound to one base URL: test/support/api.ts's `call` and the isolation walk
// both use it, and the walker and world builder take it as a parameter, so they can be pointed at
// any cloud (a deployed stage included).
import type { ApiResponse } from '../support/api.ts';

/** `honourRateLimit: false` returns a 429 of the request quota instead of waiting and retrying. */
export type CallOptions = { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string>; honourRateLimit?: boolean };
export type Api = {
  baseUrl: string;
  /** What this client has sent, and how often a tenant's request quota made it wait. */
  stats?: { calls: number; quotaWaits: number };
  call: <T = Record<string, any>>(method: string, path: string, options?: CallOptions) => Promise<ApiResponse<T> & { text: string }>;
};

const MAX_RATE_LIMIT_RETRIES = 5;
const isRequestQuota = (body: unknown): boolean =>
  (body as { error?: { code?: string; details?: { quota?: string }[] } } | undefined)?.error?.details?.[0]?.quota === 'requestsPerSecond';

/** At most `limit` calls of `run` in flight; the rest wait their turn, first come first served. */
const limiter = (limit: number) => {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(run: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((turn) => waiting.push(turn));
    else active++;
    try {
      return await run();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
};

/**
 * `maxInFlight` bounds the calls this client has open at once: the walk reads dozens of routes at
 * a time, and a burst that large on a 2-core machine pushes functions past their timeout.
 */
export const apiAt = (baseUrl: string, { maxInFlight = Infinity }: { maxInFlight?: number } = {}): Api => {
  const inTurn = limiter(maxInFlight);
  const once: Api['call'] = (method, path, options = {}) => inTurn(() => send(method, path, options));
  const send: Api['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await res.text();
    // A body that is not JSON is kept as text, so a route answering HTML or CSV is still scanned.
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: res.status, headers: res.headers, body: body as never, text };
  };
  const stats = { calls: 0, quotaWaits: 0 };
  return {
    baseUrl,
    stats,
    // As a well-behaved client does: a tenant over its per-second request quota waits Retry-After.
    call: async <T = Record<string, any>>(method: string, path: string, options: CallOptions = {}) => {
      for (let attempt = 0; ; attempt++) {
        stats.calls++;
        const res = await once<T>(method, path, options);
        if (res.status !== 429 || options.honourRateLimit === false || attempt >= MAX_RATE_LIMIT_RETRIES || !isRequestQuota(res.body)) return res;
        stats.quotaWaits++;
        await new Promise((wake) => setTimeout(wake, Number(res.headers.get('retry-after') ?? 1) * 1000));
      }
    },
  };
};

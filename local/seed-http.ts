// The seed's HTTP client: JSON calls to the local API as a client makes them, waiting out the
// per-second request quota (429 with Retry-After) as a well-behaved client does.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are read loosely here; the API tests pin their shapes
export type Json = Record<string, any>;
/** `headers` adds to the JSON call's own (an Idempotency-Key, say). */
export type SeedCall = (method: string, path: string, body?: unknown, token?: string, contentType?: string, headers?: Record<string, string>) => Promise<{ status: number; body: Json }>;

const MAX_WAITS = 10;

export const seedApi =
  (apiUrl: string): SeedCall =>
  async (method, path, body, token, contentType = 'application/json', extra = {}) => {
    const headers: Record<string, string> = { ...extra, 'content-type': contentType };
    if (token) headers.authorization = `Bearer ${token}`;
    for (let waits = 0; ; waits++) {
      const res = await fetch(`${apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
      const json = (await res.json()) as Json;
      if (res.status !== 429 || waits >= MAX_WAITS) return { status: res.status, body: json };
      await new Promise((wake) => setTimeout(wake, Number(res.headers.get('retry-after') ?? 1) * 1000));
    }
  };

export const expectOk = (what: string, res: { status: number; body: Json }, ...alsoFine: string[]) => {
  if (res.status < 300 || alsoFine.includes(res.body.error?.code)) return res;
  throw new Error(`Seeding ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
};

/** Every item of a list route, page by page. */
export const allPages = async (call: SeedCall, path: string, token: string): Promise<Json[]> => {
  const items: Json[] = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page = expectOk(path, await call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, token));
    items.push(...(page.body.data as Json[]));
    cursor = page.body.nextCursor;
  }
  return items;
};

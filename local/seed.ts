// Seeds the demo chain through the public API, so the seed exercises what clients use. Safe to
// run again: whatever already exists (the chain, a region, a store code, a user) is left as it is.
import { DEMO, demoRegions, demoStores } from './seed-data.ts';

export { DEMO };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are read loosely here; the API tests pin their shapes
type Json = Record<string, any>;

const SEED_CONCURRENCY = 8;

const api = (apiUrl: string) => async (method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: Json }> => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
};

const expectOk = (what: string, res: { status: number; body: Json }, ...alsoFine: string[]) => {
  if (res.status < 300 || alsoFine.includes(res.body.error?.code)) return res;
  throw new Error(`Seeding ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
};

const signIn = async (call: ReturnType<typeof api>, email: string, password: string): Promise<string> =>
  expectOk(`sign-in of ${email}`, await call('POST', '/v1/auth/token', { tenant: DEMO.tenant.slug, email, password })).body.accessToken;

export const seedDemoChain = async (apiUrl: string): Promise<{ created: boolean; stores: number }> => {
  const call = api(apiUrl);
  const signup = expectOk(
    'the demo chain',
    await call('POST', '/v1/tenants', { name: DEMO.tenant.name, slug: DEMO.tenant.slug, adminEmail: DEMO.admin.email, adminPassword: DEMO.admin.password }),
    'already_exists',
  );
  const token = await signIn(call, DEMO.admin.email, DEMO.admin.password);

  const regions = new Map<string, string>((await call('GET', '/v1/regions', undefined, token)).body.data.map((r: Json) => [r.name, r.id]));
  for (const name of demoRegions.filter((n) => !regions.has(n)))
    regions.set(name, expectOk(`region ${name}`, await call('POST', '/v1/regions', { name }, token)).body.id);

  const existing = new Map<string, string>();
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page = await call('GET', `/v1/stores?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, token);
    for (const s of page.body.data as Json[]) existing.set(s.code, s.id);
    cursor = page.body.nextCursor;
  }
  // A few requests in flight at once, as an HQ console would send them.
  const missing = demoStores().filter((s) => !existing.has(s.code));
  for (let i = 0; i < missing.length; i += SEED_CONCURRENCY)
    await Promise.all(
      missing.slice(i, i + SEED_CONCURRENCY).map(async ({ region, ...store }) => {
        const res = expectOk(`store ${store.code}`, await call('POST', '/v1/stores', { ...store, regionId: regions.get(region) }, token));
        existing.set(store.code, res.body.id);
      }),
    );

  const firstStores = [...existing.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, id]) => id);
  for (const user of DEMO.users) {
    const storeIds = firstStores.slice(0, user.stores);
    expectOk(`user ${user.email}`, await call('POST', '/v1/users', { email: user.email, password: user.password, role: user.role, storeIds }, token), 'already_exists');
    await signIn(call, user.email, user.password);
  }
  return { created: signup.status === 201, stores: existing.size };
};

// Seeds the demo chain through the public API, so the seed exercises what clients use. Safe to
// run again: whatever already exists (the chain, a region, a store code, a user, a category, a
// warehouse, the imported catalog) is left as it is.
import { DEMO, demoRegions, demoStores } from './seed-data.ts';
import { allPages, expectOk, seedApi, type Json, type SeedCall } from './seed-http.ts';
import { seedCatalog, type CatalogSeed } from './seed-catalog.ts';
import { seedPricing } from './seed-pricing.ts';
import { seedStock } from './seed-stock.ts';
import { seedTransfers } from './seed-transfers.ts';
import { seedOrders } from './seed-orders.ts';
import { seedTerminals, type FleetEndpoint } from './seed-terminals.ts';

export { DEMO };

const SEED_CONCURRENCY = 8;

const signIn = async (call: SeedCall, email: string, password: string): Promise<string> =>
  expectOk(`sign-in of ${email}`, await call('POST', '/v1/auth/token', { tenant: DEMO.tenant.slug, email, password })).body.accessToken;

export const seedDemoChain = async (apiUrl: string, fleet: FleetEndpoint): Promise<{ created: boolean; stores: number; tills: number; catalog: CatalogSeed }> => {
  const call = seedApi(apiUrl);
  const signup = expectOk(
    'the demo chain',
    await call('POST', '/v1/tenants', { name: DEMO.tenant.name, slug: DEMO.tenant.slug, adminEmail: DEMO.admin.email, adminPassword: DEMO.admin.password }),
    'already_exists',
  );
  const token = await signIn(call, DEMO.admin.email, DEMO.admin.password);

  const regions = new Map<string, string>((await call('GET', '/v1/regions', undefined, token)).body.data.map((r: Json) => [r.name, r.id]));
  for (const name of demoRegions.filter((n) => !regions.has(n)))
    regions.set(name, expectOk(`region ${name}`, await call('POST', '/v1/regions', { name }, token)).body.id);

  const existing = new Map<string, string>((await allPages(call, '/v1/stores', token)).map((s) => [s.code, s.id]));
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
  const tokens = new Map<string, string>();
  for (const user of DEMO.users) {
    const storeIds = firstStores.slice(0, user.stores);
    expectOk(`user ${user.email}`, await call('POST', '/v1/users', { email: user.email, password: user.password, role: user.role, storeIds }, token), 'already_exists');
    tokens.set(user.role, await signIn(call, user.email, user.password));
  }
  const tills = await seedTerminals(call, tokens.get('field_engineer')!, firstStores[0]!, fleet);

  const catalog = seedCatalog(call, token, regions, existing);
  console.log(`Seeding the goods catalog in the background: ${catalog.categories} categories, ${catalog.warehouses} warehouses, ${catalog.skus} SKUs through POST /v1/products:import, store assortments`);
  catalog.ready.then(
    ({ seconds, version, assortments, jobId }) =>
      console.log(`Catalog ready: ${catalog.skus} SKUs${jobId ? ` (import ${jobId})` : ''}, assortments for ${assortments} stores, catalog version ${version} (${seconds.toFixed(1)} s after it started)`),
    (error: Error) => console.error(`Seeding the catalog failed: ${error.message}`),
  );
  void seedPricing(call, token, regions, catalog.ready);
  void seedOrders(call, token, existing, fleet, seedStock(call, token, existing, catalog.ready));
  void seedTransfers(call, token, existing, catalog.ready);
  return { created: signup.status === 201, stores: existing.size, tills, catalog };
};

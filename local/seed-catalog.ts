// Seeds the demo chain's goods through the public API: the category tree, two warehouses, about
// 2,000 SKUs through one import job, then store assortments. All of it runs in the background:
// on the local engine the import alone takes most of a minute, which `npm start` need not wait for.
// Safe to run again: existing categories and warehouses are kept, a finished import is not sent
// again (the last SKU of the file exists), and assortment changes already made are no-ops.
import { allPages, expectOk, type Json, type SeedCall } from './seed-http.ts';
import { catalogCsv, DEPARTMENTS, demoSkus } from './seed-catalog-data.ts';
import { ASSORTMENT_EVERY, ASSORTMENT_STORES, DEMO_WAREHOUSES } from './seed-data.ts';

/** PUT /v1/stores/{id}/assortment takes at most 90 SKUs per request. */
const ASSORTMENT_BATCH = 90;

export type CatalogSeed = { skus: number; categories: number; warehouses: number; ready: Promise<{ seconds: number; version: number; assortments: number; jobId?: string }> };

const seedCategories = async (call: SeedCall, token: string): Promise<Map<string, string>> => {
  const existing = new Map((await allPages(call, '/v1/categories', token)).map((c: Json) => [`${c.parentId ?? ''}/${c.name}`, c.id as string]));
  const ensure = async (name: string, parentId?: string): Promise<string> =>
    existing.get(`${parentId ?? ''}/${name}`) ?? expectOk(`category ${name}`, await call('POST', '/v1/categories', { name, parentId }, token)).body.id;
  const lines = new Map<string, string>();
  // One at a time: each is a catalog change, and racing ones would only retry on the version.
  for (const department of DEPARTMENTS) {
    const departmentId = await ensure(department.name);
    for (const line of department.lines) lines.set(line.name, await ensure(line.name, departmentId));
  }
  return lines;
};

const seedWarehouses = async (call: SeedCall, token: string, regions: ReadonlyMap<string, string>) => {
  const codes = new Set((await allPages(call, '/v1/warehouses', token)).map((w: Json) => w.code));
  for (const w of DEMO_WAREHOUSES.filter((w) => !codes.has(w.code)))
    expectOk(`warehouse ${w.code}`, await call('POST', '/v1/warehouses', { code: w.code, name: w.name, regionId: regions.get(w.region) }, token));
};

const jobDone = async (call: SeedCall, token: string, jobId: string): Promise<void> => {
  for (;;) {
    const job = expectOk(`job ${jobId}`, await call('GET', `/v1/jobs/${jobId}`, undefined, token)).body;
    if (job.status === 'succeeded' && job.errors.length === 0) return;
    if (job.status !== 'queued' && job.status !== 'running') throw new Error(`The catalog import ${jobId} ended ${job.status}: ${JSON.stringify(job.errors.slice(0, 3))}`);
    await new Promise((r) => setTimeout(r, 500));
  }
};

const seedAssortments = async (call: SeedCall, token: string, storesByCode: ReadonlyMap<string, string>, codes: readonly string[]) => {
  const skuIds = new Map((await allPages(call, '/v1/skus', token)).map((s: Json) => [s.code as string, s.id as string]));
  let stores = 0;
  for (const [i, storeCode] of ASSORTMENT_STORES.entries()) {
    const storeId = storesByCode.get(storeCode);
    if (!storeId) continue;
    const range = codes.filter((_, n) => n % ASSORTMENT_EVERY === i % ASSORTMENT_EVERY).flatMap((code) => skuIds.get(code) ?? []);
    for (let at = 0; at < range.length; at += ASSORTMENT_BATCH)
      expectOk(`assortment of ${storeCode}`, await call('PUT', `/v1/stores/${storeId}/assortment`, { add: range.slice(at, at + ASSORTMENT_BATCH) }, token));
    stores++;
  }
  return stores;
};

/**
 * Starts seeding the catalog and returns at once: nothing here holds up `npm start`. `ready`
 * settles when categories, warehouses, the import job and the assortments are all done.
 */
export const seedCatalog = (call: SeedCall, token: string, regions: ReadonlyMap<string, string>, storesByCode: ReadonlyMap<string, string>): CatalogSeed => {
  const started = Date.now();
  const skus = demoSkus();
  const ready = (async () => {
    const lines = await seedCategories(call, token);
    await seedWarehouses(call, token, regions);
    const imported = (await call('GET', `/v1/skus?code=${encodeURIComponent(skus.at(-1)!.code)}`, undefined, token)).body.data?.length > 0;
    const jobId = imported ? undefined : expectOk('the catalog import', await call('POST', '/v1/products:import', catalogCsv(skus, lines), token, 'text/csv')).body.id;
    if (jobId) await jobDone(call, token, jobId);
    const assortments = await seedAssortments(call, token, storesByCode, skus.map((s) => s.code));
    const { version } = expectOk('the catalog version', await call('GET', '/v1/catalog/version', undefined, token)).body;
    return { seconds: (Date.now() - started) / 1000, version, assortments, jobId };
  })();
  const categories = DEPARTMENTS.reduce((n, d) => n + 1 + d.lines.length, 0);
  return { skus: skus.length, categories, warehouses: DEMO_WAREHOUSES.length, ready };
};

// Seeds the demo chain's stock through the public API once the catalog is in: every store gets
// policies (2 units kept back from online orders, low at 5) and a delivery of its range (the four
// stores with an assortment receive all of it; the others a core range of 40 SKUs that differs
// from store to store), and each warehouse a delivery of 400 SKUs. All in the background, a few
// requests at a time. Safe to run again: a location that holds stock already is left as it is.
import { allPages, expectOk, type Json, type SeedCall } from './seed-http.ts';
import { DEMO_WAREHOUSES } from './seed-data.ts';
import { forEachConcurrent } from '../domain/shared/concurrency.ts';

/** POST /v1/stock/movements takes at most 40 lines. */
const LINES_PER_RECEIPT = 40;
const CORE_RANGE_EVERY = 50;
const WAREHOUSE_EVERY = 5;
const IN_FLIGHT = 4;

/** Cases of 6 to 24 units, the same on every run for the same location and SKU. */
const quantityFor = (locationCode: string, skuCode: string): number => {
  let h = 0;
  for (const c of `${locationCode}/${skuCode}`) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 6 * (1 + (h % 4));
};

type Location = { id: string; code: string; skuIds: string[] };

const receive = async (call: SeedCall, token: string, location: Location, codeOf: ReadonlyMap<string, string>): Promise<number> => {
  const stocked = expectOk(`stock at ${location.code}`, await call('GET', `/v1/stock?locationId=${location.id}&limit=1`, undefined, token)).body;
  if (stocked.data.length > 0) return 0;
  let units = 0;
  for (let at = 0; at < location.skuIds.length; at += LINES_PER_RECEIPT) {
    const lines = location.skuIds.slice(at, at + LINES_PER_RECEIPT).map((skuId) => ({ skuId, quantity: quantityFor(location.code, codeOf.get(skuId)!) }));
    const body = { locationId: location.id, type: 'receipt', lines, reference: `SEED-${location.code}-${at / LINES_PER_RECEIPT + 1}` };
    expectOk(`a delivery to ${location.code}`, await call('POST', '/v1/stock/movements', body, token));
    units += lines.reduce((n, l) => n + l.quantity, 0);
  }
  return units;
};

/** Starts once `catalogReady` settles and reports on the console; nothing waits for it. */
export const seedStock = (call: SeedCall, token: string, storesByCode: ReadonlyMap<string, string>, catalogReady: Promise<unknown>): Promise<void> =>
  catalogReady
    .then(async () => {
      const started = Date.now();
      const skus = (await allPages(call, '/v1/skus', token)).sort((a: Json, b: Json) => String(a.code).localeCompare(String(b.code)));
      const codeOf = new Map<string, string>(skus.map((s: Json) => [s.id, s.code]));
      const ids = skus.map((s: Json) => s.id as string);
      const stores = await Promise.all(
        [...storesByCode].sort(([a], [b]) => a.localeCompare(b)).map(async ([code, id], n): Promise<Location> => {
          const assortment = (await allPages(call, `/v1/stores/${id}/assortment`, token)).map((s: Json) => s.id as string);
          return { id, code, skuIds: assortment.length ? assortment : ids.filter((_, i) => i % CORE_RANGE_EVERY === n % CORE_RANGE_EVERY) };
        }),
      );
      const warehouseCodes = new Set<string>(DEMO_WAREHOUSES.map((w) => w.code));
      const warehouses = (await allPages(call, '/v1/warehouses', token))
        .filter((w: Json) => warehouseCodes.has(w.code))
        .map((w: Json, n): Location => ({ id: w.id, code: w.code, skuIds: ids.filter((_, i) => i % WAREHOUSE_EVERY === n % WAREHOUSE_EVERY) }));
      await forEachConcurrent(stores, IN_FLIGHT, async ({ id, code }) => {
        expectOk(`stock policy of ${code}`, await call('PUT', '/v1/stock/policies', { locationId: id, defaults: { safetyStock: 2, lowThreshold: 5 } }, token));
      });
      let units = 0;
      await forEachConcurrent([...warehouses, ...stores], IN_FLIGHT, async (location) => {
        units += await receive(call, token, location, codeOf);
      });
      const seconds = (Date.now() - started) / 1000;
      console.log(`Stock ready: ${units.toLocaleString('en')} units received at ${stores.length} stores and ${warehouses.length} warehouses${units === 0 ? ' (already stocked)' : ''} (${seconds.toFixed(1)} s)`);
    })
    .catch((error: Error) => console.error(`Seeding stock failed: ${error.message}`));

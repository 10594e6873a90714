// Seeds the demo chain's prices through the public API once the catalog is in: a regional price
// list for Suzhou (every drink 5% under its shelf price, ~490 SKUs, so it is built as a draft in
// requests of 90 and activated in one change, as HQ would build any list too big for one request)
// and a weekend promotion (20% off the snacks department, Saturday 00:00 to Monday 00:00 Shanghai
// time, this weekend or the next). Safe to run again: a list found by name is finished, not
// duplicated, and a weekend's promotion is created once.
import { allPages, expectOk, type Json, type SeedCall } from './seed-http.ts';
import { demoSkus } from './seed-catalog-data.ts';

const REGION = 'Suzhou';
const REGIONAL_LIST = '苏州区域价 · 饮料95折';
/** POST and PATCH /v1/price-lists take at most 90 prices per request. */
const LINES_PER_REQUEST = 90;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Saturday 00:00 to Monday 00:00 in Shanghai: the weekend under way, or the next one. */
export const weekendAround = (now: Date): { validFrom: string; validTo: string } => {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const day = local.getUTCDay();
  const daysToSaturday = day === 6 ? 0 : day === 0 ? -1 : 6 - day;
  const start = midnight + daysToSaturday * DAY_MS - SHANGHAI_OFFSET_MS;
  return { validFrom: new Date(start).toISOString(), validTo: new Date(start + 2 * DAY_MS).toISOString() };
};

const regionalList = async (call: SeedCall, token: string, regionId: string, existing: Json | undefined): Promise<Json> => {
  const byCode = new Map((await allPages(call, '/v1/skus', token)).map((s: Json) => [s.code as string, s]));
  const prices = demoSkus()
    .filter((s) => s.department === '饮料')
    .flatMap((s) => {
      const sku = byCode.get(s.code);
      return sku ? [{ skuId: sku.id as string, amount: Math.round((sku.listPrice * 0.95) / 10) * 10 }] : [];
    });
  if (existing?.status === 'active') return existing;
  const list =
    existing ?? expectOk('the regional price list', await call('POST', '/v1/price-lists', { name: REGIONAL_LIST, priority: 10, status: 'draft', scope: { regionIds: [regionId] } }, token)).body;
  // Lines already there are unchanged and cost no version: a re-run finishes an interrupted draft.
  for (let at = 0; at < prices.length; at += LINES_PER_REQUEST)
    expectOk('regional prices', await call('PATCH', `/v1/price-lists/${list.id}`, { prices: prices.slice(at, at + LINES_PER_REQUEST) }, token));
  return expectOk('activating the regional list', await call('PATCH', `/v1/price-lists/${list.id}`, { status: 'active' }, token)).body;
};

const weekendPromotion = async (call: SeedCall, token: string, lists: ReadonlyMap<string, Json>): Promise<Json> => {
  const window = weekendAround(new Date());
  // Named by its Saturday in Shanghai, so next week's run adds next weekend's promotion.
  const name = `周末零食8折 ${new Date(Date.parse(window.validFrom) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)}`;
  const found = lists.get(name);
  if (found) return found;
  const snacks = (await allPages(call, '/v1/categories', token)).find((c: Json) => c.name === '零食' && c.parentId === null);
  if (!snacks) throw new Error('Seeding the weekend promotion failed: no 零食 category');
  const promotion = { type: 'percent_off_category', categoryId: snacks.id, rateBps: 2000 };
  return expectOk('the weekend promotion', await call('POST', '/v1/price-lists', { name, kind: 'promotion', priority: 0, ...window, promotion }, token)).body;
};

/** Starts once `catalogReady` settles and reports on the console; nothing waits for it. */
export const seedPricing = (call: SeedCall, token: string, regions: ReadonlyMap<string, string>, catalogReady: Promise<unknown>): Promise<void> =>
  catalogReady
    .then(async () => {
      const started = Date.now();
      const regionId = regions.get(REGION);
      if (!regionId) throw new Error(`no region ${REGION}`);
      const lists = new Map((await allPages(call, '/v1/price-lists', token)).map((l: Json) => [l.name as string, l]));
      const regional = await regionalList(call, token, regionId, lists.get(REGIONAL_LIST));
      const weekend = await weekendPromotion(call, token, lists);
      console.log(
        `Prices ready: ${regional.name} (${regional.lineCount} SKUs, version ${regional.version}) for ${REGION}; ` +
          `${weekend.name} from ${weekend.validFrom} to ${weekend.validTo} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    })
    .catch((error: Error) => console.error(`Seeding prices failed: ${error.message}`));

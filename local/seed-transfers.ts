// Seeds the demo chain's first assortment store with work in progress through the public API,
// once its warehouse holds stock (seed-stock.ts delivers it after the catalog): min/max levels for
// three SKUs, a transfer of them from the warehouse still in transit, and a submitted
// replenishment order. In the background; a store that has any transfer already is left alone.
import { allPages, expectOk, type Json, type SeedCall } from './seed-http.ts';
import { ASSORTMENT_STORES, DEMO_WAREHOUSES } from './seed-data.ts';

const POLL_MS = 2000;
const GIVE_UP_MS = 15 * 60 * 1000;
const SKUS = 3;

/** The first `SKUS` of the store's range the warehouse holds 12 or more of, once it does. */
const stockedRange = async (call: SeedCall, token: string, warehouseId: string, range: ReadonlySet<string>): Promise<string[]> => {
  for (const deadline = Date.now() + GIVE_UP_MS; Date.now() < deadline; await new Promise((r) => setTimeout(r, POLL_MS))) {
    const held = (await allPages(call, `/v1/stock?locationId=${warehouseId}`, token)).filter((l: Json) => range.has(l.skuId) && l.available >= 12);
    if (held.length >= SKUS) return held.slice(0, SKUS).map((l: Json) => l.skuId as string);
  }
  throw new Error(`the warehouse held too little of the store's range after ${GIVE_UP_MS / 60000} minutes`);
};

/** Starts once `catalogReady` settles and reports on the console; nothing waits for it. */
export const seedTransfers = (call: SeedCall, token: string, storesByCode: ReadonlyMap<string, string>, catalogReady: Promise<unknown>): Promise<void> =>
  catalogReady
    .then(async () => {
      const storeId = storesByCode.get(ASSORTMENT_STORES[0])!;
      const warehouse = (await allPages(call, '/v1/warehouses', token)).find((w: Json) => w.code === DEMO_WAREHOUSES[0]!.code)!;
      if ((await call('GET', `/v1/stock/transfers?locationId=${storeId}&limit=1`, undefined, token)).body.data?.length) return;
      const range = new Set((await allPages(call, `/v1/stores/${storeId}/assortment`, token)).map((s: Json) => s.id as string));
      const skuIds = await stockedRange(call, token, warehouse.id, range);
      const levels = skuIds.map((skuId) => ({ skuId, min: 6, max: 24 }));
      expectOk('replenishment levels', await call('PUT', `/v1/stores/${storeId}/replenishment/levels`, { levels }, token));
      const lines = skuIds.map((skuId) => ({ skuId, quantity: 6 }));
      const transfer = expectOk('a transfer', await call('POST', '/v1/stock/transfers', { fromLocationId: warehouse.id, toLocationId: storeId, lines, reference: 'SEED-TRANSFER-1' }, token)).body;
      const order = expectOk('a replenishment order', await call('POST', '/v1/replenishment-orders', { storeId, warehouseId: warehouse.id, lines, note: 'Seed: weekly order' }, token)).body;
      console.log(`Transfers ready: ${transfer.id} in transit from ${warehouse.code} to ${ASSORTMENT_STORES[0]}, replenishment order ${order.id} submitted`);
    })
    .catch((error: Error) => console.error(`Seeding transfers failed: ${error.message}`));

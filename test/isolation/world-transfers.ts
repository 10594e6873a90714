// Tenant A's transfers, stocktakes and replenishment for the walk, on top of its stock: two
// transfers from A's warehouse to S1 still in transit, a stocktake at S1 that matches the ledger
// (no variance, so no level moves), S1's min/max for one SKU and two submitted orders from S1 to
// the warehouse, with second-page cursors of S1's lists. Nothing goes near a low-stock threshold.
import { randomBytes } from 'node:crypto';
import type { Api } from './client.ts';
import type { CatalogRecords } from './world-catalog.ts';

const hex = () => randomBytes(4).toString('hex');

export type TransferRecords = { transferId: string; stocktakeId: string; orderId: string; cursors: { transfers: string; orders: string } };

const ok = async (api: Api, what: string, token: string, method: string, path: string, body?: unknown) => {
  const res = await api.call(method, path, { token, body });
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.body;
};

const secondPage = async (api: Api, token: string, path: string): Promise<string> => {
  const res = await api.call('GET', `${path}&limit=1`, { token });
  if (typeof res.body.nextCursor !== 'string') throw new Error(`${path}: no second page for tenant A (${res.text})`);
  return res.body.nextCursor;
};

export const transferRecords = async (api: Api, a: { token: string; s1Id: string; catalog: CatalogRecords }) => {
  const { token, s1Id, catalog } = a;
  const [first, second] = catalog.skuIds as [string, string];
  const warehouseId = catalog.warehouseId;
  const tag = hex();
  const transfers = [];
  for (const n of [1, 2])
    transfers.push(await ok(api, 'transfer', token, 'POST', '/v1/stock/transfers', { fromLocationId: warehouseId, toLocationId: s1Id, lines: [{ skuId: second, quantity: 1 }], reference: `TR-${tag}-${n}` }));
  const { data: levels } = await ok(api, 'S1 stock', token, 'GET', `/v1/stock?locationId=${s1Id}&skuIds=${second}`);
  const stocktake = await ok(api, 'stocktake', token, 'POST', '/v1/stocktakes', { locationId: s1Id, counts: [{ skuId: second, counted: levels[0].onHand }], reference: `ST-${tag}` });
  await ok(api, 'replenishment levels', token, 'PUT', `/v1/stores/${s1Id}/replenishment/levels`, { levels: [{ skuId: first, min: 2, max: 12 }] });
  const orders = [];
  for (const n of [1, 2])
    orders.push(await ok(api, 'replenishment order', token, 'POST', '/v1/replenishment-orders', { storeId: s1Id, warehouseId, lines: [{ skuId: first, quantity: 3 }], note: `RO-${tag}-${n}` }));
  const records: TransferRecords = {
    transferId: transfers[0]!.id,
    stocktakeId: stocktake.id,
    orderId: orders[0]!.id,
    cursors: { transfers: await secondPage(api, token, `/v1/stock/transfers?locationId=${s1Id}`), orders: await secondPage(api, token, `/v1/replenishment-orders?storeId=${s1Id}`) },
  };
  // Every one of these goes to or is at S1: S2's staff may see none of them.
  const store1: [string, string][] = [
    ...transfers.flatMap((t, i): [string, string][] => [[t.id, `A S1 transfer ${i + 1} id`], [`TR-${tag}-${i + 1}`, `A S1 transfer ${i + 1} reference`]]),
    [stocktake.id, 'A S1 stocktake id'],
    [`ST-${tag}`, 'A S1 stocktake reference'],
    ...orders.flatMap((o, i): [string, string][] => [[o.id, `A S1 order ${i + 1} id`], [`RO-${tag}-${i + 1}`, `A S1 order ${i + 1} note`]]),
  ];
  return { a: records, store1 };
};

// Tenant A's transfers, stocktakes and replenishment for the walk, on top of its stock: two
// transfers from A's warehouse to S1 still in transit, a stocktake at S1 that matches the ledger
// (no variance, so no level moves), S1's min/max for one SKU and two submitted orders from S1 to
// the warehouse. Nothing goes near a low-stock threshold. (Cursors of S1's lists are not kept: a
// list is of one location, which another tenant cannot name, and a cursor of S1's partition on
// the caller's own location is refused: test/integration/transfers.test.ts.)
import { randomBytes } from 'node:crypto';
import type { Api } from './client.ts';
import type { CatalogRecords } from './world-catalog.ts';

const hex = () => randomBytes(4).toString('hex');

export type TransferRecords = { transferId: string; stocktakeId: string; orderId: string };

const ok = async (api: Api, what: string, token: string, method: string, path: string, body?: unknown) => {
  const res = await api.call(method, path, { token, body });
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.body;
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
  const records: TransferRecords = { transferId: transfers[0]!.id, stocktakeId: stocktake.id, orderId: orders[0]!.id };
  // Each read route once now, so its function is started before the walk's first snapshot sends
  // every read at once (on 2 cores a burst of cold starts runs past the 10 s function timeout).
  await Promise.all(
    [
      `/v1/stock/transfers/${records.transferId}`,
      `/v1/stock/transfers?locationId=${s1Id}`,
      `/v1/stocktakes/${records.stocktakeId}`,
      `/v1/stocktakes?locationId=${s1Id}`,
      `/v1/stores/${s1Id}/replenishment/levels`,
      `/v1/stores/${s1Id}/replenishment/suggestions`,
      `/v1/replenishment-orders/${records.orderId}`,
      `/v1/replenishment-orders?storeId=${s1Id}`,
    ].map((path) => ok(api, `warming ${path}`, token, 'GET', path)),
  );
  // A transfer's id is the reference of its ledger lines, and the warehouse's ledger is readable by
  // every store's staff (route-fixtures-stock.ts): the ids are A's, not S1's alone.
  const secrets = transfers.map((t, i): [string, string] => [t.id, `A transfer ${i + 1} id`]);
  // Every one of these goes to or is at S1: S2's staff may see none of them.
  const store1: [string, string][] = [
    ...transfers.map((_, i): [string, string] => [`TR-${tag}-${i + 1}`, `A S1 transfer ${i + 1} reference`]),
    [stocktake.id, 'A S1 stocktake id'],
    [`ST-${tag}`, 'A S1 stocktake reference'],
    ...orders.flatMap((o, i): [string, string][] => [[o.id, `A S1 order ${i + 1} id`], [`RO-${tag}-${i + 1}`, `A S1 order ${i + 1} note`]]),
  ];
  return { a: records, secrets, store1 };
};

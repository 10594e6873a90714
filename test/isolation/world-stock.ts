// Tenant A's stock for the walk: policies, a receipt of both catalog SKUs at S1 and at A's
// warehouse, and a reservation at S1 (a day long, so it outlives the walk), with references
// unique to A. Nothing crosses a low-stock threshold, so no event of A's lands mid-walk.
import { randomBytes } from 'node:crypto';
import type { Api } from './client.ts';
import type { CatalogRecords } from './world-catalog.ts';

const hex = () => randomBytes(4).toString('hex');

export type StockRecords = { reservationId: string };

const ok = async (api: Api, what: string, token: string, method: string, path: string, body: unknown) => {
  const res = await api.call(method, path, { token, body });
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.body;
};

export const stockRecords = async (api: Api, a: { token: string; s1Id: string; catalog: CatalogRecords }) => {
  const { token, s1Id, catalog } = a;
  const tag = hex();
  const lines = catalog.skuIds.map((skuId) => ({ skuId, quantity: 10 }));
  // Receipts of 10 against a threshold of 2: in whichever order these land, nothing is low.
  const [, atS1, atWarehouse] = await Promise.all([
    ok(api, 'stock policy', token, 'PUT', '/v1/stock/policies', { locationId: s1Id, defaults: { safetyStock: 1, lowThreshold: 2 } }),
    ok(api, 'S1 receipt', token, 'POST', '/v1/stock/movements', { locationId: s1Id, type: 'receipt', lines, reference: `DN-S1-${tag}` }),
    ok(api, 'warehouse receipt', token, 'POST', '/v1/stock/movements', { locationId: catalog.warehouseId, type: 'receipt', lines, reference: `DN-WH-${tag}` }),
  ]);
  const reservation = await ok(api, 'reservation', token, 'POST', '/v1/stock/reservations', {
    locationId: s1Id,
    channel: 'online',
    lines: [{ skuId: catalog.skuIds[0], quantity: 1 }],
    ttlSeconds: 24 * 3600,
    reference: `WX-${tag}`,
  });
  const records: StockRecords = { reservationId: reservation.id };
  const store1: [string, string][] = [
    [reservation.id, 'A S1 reservation id'],
    [`WX-${tag}`, 'A S1 reservation reference'],
    [`DN-S1-${tag}`, 'A S1 receipt reference'],
    [atS1.id, 'A S1 posting id'],
    ...atS1.movements.map((m: { id: string }): [string, string] => [m.id, 'A S1 movement id']),
  ];
  const secrets: [string, string][] = [
    [`DN-WH-${tag}`, 'A warehouse receipt reference'],
    [atWarehouse.id, 'A warehouse posting id'],
    ...atWarehouse.movements.map((m: { id: string }): [string, string] => [m.id, 'A warehouse movement id']),
  ];
  return { a: records, secrets, store1 };
};

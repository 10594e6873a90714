// Tenant A's orders for the walk, all at S1: a till's completed cash sale (returns and payments
// probe it) and an online pickup order, paid, whose fulfilment task is open. Made after A's stock
// exists; nothing here crosses a low-stock threshold.
import { randomUUID } from 'node:crypto';
import type { Api } from './client.ts';
import type { CatalogRecords } from './world-catalog.ts';

export type OrderRecords = { posOrderId: string; pickupOrderId: string; paymentId: string; fulfilmentId: string };

const ok = async (api: Api, what: string, token: string, method: string, path: string, body: unknown) => {
  const res = await api.call(method, path, { token, body, headers: { 'idempotency-key': randomUUID() } });
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.body;
};

export const orderRecords = async (api: Api, a: { token: string; s1Id: string; catalog: CatalogRecords }) => {
  const { token, s1Id, catalog } = a;
  const line = { skuId: catalog.skuIds[1], quantity: 1 };
  const pos = await ok(api, 'till order', token, 'POST', '/v1/orders', { storeId: s1Id, channel: 'pos', lines: [line], payment: { flow: 'cash' } });
  const pickup = await ok(api, 'pickup order', token, 'POST', '/v1/orders', { storeId: s1Id, channel: 'online', lines: [line], fulfilment: { type: 'pickup' } });
  await ok(api, 'pickup payment', token, 'POST', '/v1/payments', { orderId: pickup.id, flow: 'cash' });
  const paid = (await api.call('GET', `/v1/orders/${pickup.id}`, { token })).body;
  const records: OrderRecords = { posOrderId: pos.id, pickupOrderId: pickup.id, paymentId: pos.payments[0].id, fulfilmentId: paid.fulfilment.id };
  const store1: [string, string][] = [
    [pos.id, 'A S1 till order id'],
    [pickup.id, 'A S1 pickup order id'],
    [records.paymentId, 'A S1 payment id'],
    [paid.payments[0].id, 'A S1 pickup payment id'],
    [records.fulfilmentId, 'A S1 fulfilment id'],
    [paid.pickupCode, 'A S1 pickup code'],
  ];
  return { a: records, store1 };
};

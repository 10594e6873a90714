// Order test helpers: the priced test chain with stock on its shelves, and the calls an order's
// life is made of (placing with an Idempotency-Key, paying cash, stepping a fulfilment task).
import { randomUUID } from 'node:crypto';
import { call, type ApiResponse, type TestTenant } from './api.ts';
import { pricedChain } from './pricing.ts';

export const ok = (what: string, res: ApiResponse, status = 200) => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** The priced chain (pricing.ts) with `units` of every SKU received at every store. */
export const stockedChain = async (t: TestTenant, units = 20) => {
  const c = await pricedChain(t);
  const skus = Object.values(c.skus);
  for (const storeId of Object.values(c.stores))
    ok('receipt', await call('POST', '/v1/stock/movements', { token: t.token, body: { locationId: storeId, type: 'receipt', lines: skus.map((skuId) => ({ skuId, quantity: units })) } }), 201);
  return c;
};

export const placeOrder = (token: string, body: Record<string, unknown>, key: string | null = randomUUID()) =>
  call('POST', '/v1/orders', { token, body, headers: key ? { 'idempotency-key': key } : {} });

export const payCash = (token: string, orderId: string, extra: Record<string, unknown> = {}, key = randomUUID()) =>
  call('POST', '/v1/payments', { token, body: { orderId, flow: 'cash', ...extra }, headers: { 'idempotency-key': key } });

export const step = (token: string, fulfilmentId: string, action: string, body: Record<string, unknown> = {}) => call('POST', `/v1/fulfilments/${fulfilmentId}/${action}`, { token, body });

export const stockAt = async (token: string, storeId: string, skuIds: string[]) => {
  const res = ok('stock', await call('GET', `/v1/stock?locationId=${storeId}&skuIds=${skuIds.join(',')}`, { token }));
  return new Map<string, { onHand: number; reserved: number; available: number }>(res.data.map((l: any) => [l.skuId, l]));
};

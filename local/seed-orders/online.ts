// The seed's orders off the till, through the public API: mini-shop pickups at the first store in
// every state of their task (paid and open, picked, packed, handed over against the customer's
// code, completed), a delivery platform's order being picked at the second, a pickup the customer
// cancelled before paying, and a till sale of yesterday partly brought back. HQ's token places and
// pays the mini-shop's, as its back end would; the platform's order arrives as the platform sends
// one, pushed by its sandbox to our webhook; the store's cashier works the tasks and takes the
// return, as only a store's own staff may.
import { randomUUID } from 'node:crypto';
import { expectOk, type Json, type SeedCall } from '../seed-http.ts';
import { pickBasket, seededRng, type BasketLine, type Rng } from './baskets.ts';
import type { RecordedSale, SeedStore } from './tills.ts';

/** The steps that bring a paid pickup's task to each state, in the order the store takes them. */
export const PICKUP_STATES = { open: [], picked: ['pick'], packed: ['pick', 'pack'], handed_over: ['pick', 'pack', 'handover'], completed: ['pick', 'pack', 'handover', 'complete'] } as const;
/** What online orders leave on the shelf: the stores' safety stock (seed-stock.ts), and one more. */
export const ONLINE_KEEP_BACK = 3;

const idempotent = () => ({ 'idempotency-key': randomUUID() });

/** An online basket: what the store may sell online, at most 3 lines. */
export const onlineBasket = (rng: Rng, s: SeedStore): BasketLine[] => pickBasket(rng, s.shelf, ONLINE_KEEP_BACK).slice(0, 3);

const place = async (call: SeedCall, token: string, s: SeedStore, body: Json): Promise<Json> =>
  expectOk(`a ${body.channel} order at ${s.code}`, await call('POST', '/v1/orders', { storeId: s.id, ...body }, token, undefined, idempotent())).body;

/** Paid, then read back with its fulfilment task (opened by the payment). */
const paid = async (call: SeedCall, token: string, order: Json): Promise<Json> => {
  expectOk(`paying ${order.number}`, await call('POST', '/v1/payments', { orderId: order.id, flow: 'cash' }, token, undefined, idempotent()));
  return expectOk(`order ${order.number}`, await call('GET', `/v1/orders/${order.id}`, undefined, token)).body;
};

const steps = async (call: SeedCall, s: SeedStore, order: Json, actions: readonly string[]) => {
  for (const action of actions) {
    const body = action === 'handover' ? { pickupCode: order.pickupCode } : {};
    expectOk(`${action} of ${order.number}`, await call('POST', `/v1/fulfilments/${order.fulfilment.id}/${action}`, body, s.cashier));
  }
};

export const pickups = async (call: SeedCall, token: string, s: SeedStore): Promise<string[]> => {
  const rng = seededRng(`${s.code}/pickups`);
  const orders = Object.entries(PICKUP_STATES).map(([state, actions]) => ({ state, actions, lines: onlineBasket(rng, s) }));
  const placed = await Promise.all(
    orders.map(async ({ state, actions, lines }) => {
      if (lines.length === 0) return [];
      const order = await paid(call, token, await place(call, token, s, { channel: 'online', lines, fulfilment: { type: 'pickup' } }));
      await steps(call, s, order, actions);
      return [state];
    }),
  );
  return placed.flat();
};

/** Where the local cloud's delivery-platform sandbox and our own API are. */
export type PlatformSandbox = { sandboxUrl: string; apiUrl: string };

/** The demo chain's app on the platform's sandbox: a local-only secret, as the developer console would issue. */
const DEMO_APP = { appId: '6100001', appSecret: 'jiajia-demo-meituan-secret' };

const sandboxCall = async (at: PlatformSandbox, path: string, body: Json): Promise<Json> => {
  const res = await fetch(`${at.sandboxUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as Json;
  if (res.status >= 300) throw new Error(`the platform sandbox's ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};

/**
 * A delivery platform's order, the way one arrives: the chain connects its app and lists the store
 * and the basket's SKUs (which pushes their stock to the platform), the platform's sandbox pushes a
 * paid order to our webhook, which places, confirms and records it paid by the platform; then the
 * store starts picking it for the rider.
 */
export const platformDelivery = async (call: SeedCall, token: string, s: SeedStore, at: PlatformSandbox | undefined): Promise<number> => {
  const lines = onlineBasket(seededRng(`${s.code}/delivery`), s);
  if (lines.length === 0 || !at) return 0;
  const pushUrl = `${at.apiUrl}/v1/channels/meituan/webhook`;
  await sandboxCall(at, '/_sandbox/apps', { ...DEMO_APP, pushUrl });
  expectOk('connecting the platform app', await call('PUT', '/v1/channels/meituan/credentials', { ...DEMO_APP, pushUrl }, token));
  const listed = expectOk('listing on the platform', await call('PUT', '/v1/channels/meituan/listings', { stores: [{ storeId: s.id, listed: true }], skus: lines.map((l) => ({ skuId: l.skuId, listed: true })) }, token)).body;
  const codes = new Map<string, string>(listed.skus.map((k: Json) => [k.skuId, k.skuCode]));
  const pushed = await sandboxCall(at, '/_sandbox/pushes', { type: 'order', appId: DEMO_APP.appId, storeCode: s.code, lines: lines.map((l) => ({ skuCode: codes.get(l.skuId), quantity: l.quantity })), address: '上海市浦东新区世纪大道88号1203室' });
  if (pushed.answer.status !== 200 || pushed.answer.body?.data !== 'ok') throw new Error(`the platform's order push was answered ${JSON.stringify(pushed.answer)}`);
  const [placed] = expectOk('the delivery order', await call('GET', `/v1/orders?storeId=${s.id}&channel=delivery&limit=1`, undefined, token)).body.data;
  const order = expectOk(`order ${placed.number}`, await call('GET', `/v1/orders/${placed.id}`, undefined, token)).body;
  await steps(call, s, order, ['pick']);
  return 1;
};

/** A pickup the customer cancelled before paying: its hold goes back to the shelf. */
export const cancelledPickup = async (call: SeedCall, token: string, s: SeedStore): Promise<number> => {
  const lines = onlineBasket(seededRng(`${s.code}/cancelled`), s);
  if (lines.length === 0) return 0;
  const order = await place(call, token, s, { channel: 'online', lines, fulfilment: { type: 'pickup' } });
  expectOk(`cancelling ${order.number}`, await call('POST', `/v1/orders/${order.id}/cancel`, { reason: 'Customer changed their mind' }, token));
  for (const l of lines) s.shelf.set(l.skuId, s.shelf.get(l.skuId)! + l.quantity);
  return 1;
};

/** One unit of a cash sale of two units or more that the store made on `day`, brought back to its counter. */
export const partReturn = async (call: SeedCall, s: SeedStore, sales: readonly RecordedSale[], day: string): Promise<number> => {
  const sale = sales.find((r) => r.storeId === s.id && r.day === day && r.method === 'cash' && r.lines.reduce((n, l) => n + l.quantity, 0) >= 2);
  if (!sale) return 0;
  const lines = [{ skuId: sale.lines[0]!.skuId, quantity: 1 }];
  expectOk(`a return at ${s.code}`, await call('POST', `/v1/orders/${sale.orderId}/returns`, { lines, reason: 'Damaged packaging' }, s.cashier));
  return 1;
};

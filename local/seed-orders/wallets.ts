// The demo's wallet money beyond plain checkouts, through the payment sandboxes: payment codes as
// a customer's phone shows them (never ending in a sandbox test code), a till order paid in two
// tenders (Alipay, then cash for the rest), and HQ refunding part of a WeChat payment.
import { randomUUID } from 'node:crypto';
import { expectOk, type Json, type SeedCall } from '../seed-http.ts';
import { cashTendered, pickBasket, seededRng } from './baskets.ts';
import type { SeedStore } from './tills.ts';

const digits = (rng: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');
/** 18 digits starting 13 (WeChat) or 28 (Alipay), the last four 1000-9998. */
export const walletCode = (rng: () => number, wallet: 'wechat' | 'alipay'): string => `${wallet === 'wechat' ? '13' : '28'}${digits(rng, 12)}${String(1000 + Math.floor(rng() * 8999))}`;

/** How the n-th of today's checkouts at a counter is paid: WeChat, Alipay, cash in turn. */
export const livePayment = (rng: () => number, n: number, order: Json): Json =>
  n % 3 === 2 ? { orderId: order.id, flow: 'cash', tendered: cashTendered(rng, order.total as number) } : { orderId: order.id, flow: 'barcode', method: 'auto', authCode: walletCode(rng, n % 3 === 0 ? 'wechat' : 'alipay') };

const post = async (call: SeedCall, token: string, path: string, body: Json, what: string) => expectOk(what, await call('POST', path, body, token, undefined, { 'idempotency-key': randomUUID() })).body;

/** A split tender and a refund at `s`; returns what was done, for the seed's summary. */
export const walletExtras = async (call: SeedCall, hqToken: string, s: SeedStore): Promise<{ split: string; refunded: number }> => {
  const rng = seededRng(`${s.code}/wallet-extras`);
  const place = () => post(call, s.cashier, '/v1/orders', { storeId: s.id, channel: 'pos', lines: pickBasket(rng, s.shelf) }, `a checkout at ${s.code}`);
  const split = await place();
  const part = Math.max(1, Math.floor((split.total as number) / 2));
  await post(call, s.cashier, '/v1/payments', { orderId: split.id, flow: 'barcode', authCode: walletCode(rng, 'alipay'), amount: part }, `the Alipay part of ${split.number}`);
  await post(call, s.cashier, '/v1/payments', { orderId: split.id, flow: 'cash' }, `the cash rest of ${split.number}`);
  const refunded = await place();
  const payment = await post(call, s.cashier, '/v1/payments', { orderId: refunded.id, flow: 'barcode', authCode: walletCode(rng, 'wechat') }, `paying ${refunded.number}`);
  const amount = Math.max(1, Math.floor((payment.amount as number) / 3));
  await post(call, hqToken, `/v1/payments/${payment.id}/refunds`, { amount, reason: 'a promotion missed at the till' }, `refunding ${refunded.number}`);
  return { split: split.number as string, refunded: amount };
};

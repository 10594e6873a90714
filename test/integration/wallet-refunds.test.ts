// Giving WeChat Pay money back through the API against the local sandbox: a payment refunded in
// parts, never beyond what was paid (also under concurrent requests), each refund once however
// often its request is sent, and the sandbox's own records agreeing with ours; a till order
// returned and an online order cancelled refund to the wallet that paid them; bad refunds are a
// 4xx that writes nothing and asks no provider.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, cloud, type TestTenant } from '../support/api.ts';
import { pricingKit, type PricedChain } from '../support/pricing.ts';
import { ok, payCash, placeOrder, stockedChain } from '../support/orders.ts';
import { wechatSandboxMchId } from '../../domain/payments/providers/sandbox-merchants.ts';

const { tenant, refused } = pricingKit();
let t: TestTenant;
let c: PricedChain;

beforeAll(async () => {
  t = await tenant('refunds');
  c = await stockedChain(t, 50);
}, 120_000);

const code = () => `13${String(Date.now()).slice(-12)}${String(Math.floor(Math.random() * 9000) + 1000).replace(/^000[1-3]$/, '0000')}`;
const order = async (id: string) => ok('order', await call('GET', `/v1/orders/${id}`, { token: t.token }));
/** A till order of `quantity` waters (200 fen each) paid with a WeChat code. */
const paidByWechat = async (quantity: number, channel: 'pos' | 'online' = 'pos') => {
  const o = ok('order', await placeOrder(t.token, { storeId: c.stores.e1, channel, lines: [{ skuId: c.skus.water, quantity }], ...(channel === 'online' ? { fulfilment: { type: 'pickup' } } : {}) }), 201);
  const payment = ok('payment', await call('POST', '/v1/payments', { token: t.token, body: { orderId: o.id, flow: 'barcode', authCode: code() }, headers: { 'idempotency-key': randomUUID() } }), 201);
  return { orderId: o.id as string, payment };
};
const refund = (paymentId: string, body: Record<string, unknown>, key: string | null = randomUUID()) =>
  call('POST', `/v1/payments/${paymentId}/refunds`, { token: t.token, body, headers: key ? { 'idempotency-key': key } : {} });
type SandboxTrade = { outTradeNo: string; totalFee: number; refunds: { outRefundNo: string; fee: number }[] };
const sandboxTrade = async (outTradeNo: string) => {
  const res = await fetch(`${cloud().endpoints.payments}/_sandbox/wechat/_trades?mchId=${wechatSandboxMchId(cloud().paymentSandboxSecret, t.tenantId)}`);
  return ((await res.json()) as { data: SandboxTrade[] }).data.find((x) => x.outTradeNo === outTradeNo)!;
};

describe('refunds of WeChat payments', () => {
  it('refunds a payment in parts, each once, never beyond what was paid, as the sandbox records', async () => {
    const { orderId, payment } = await paidByWechat(5);
    const key = randomUUID();
    const first = ok('refund', await refund(payment.id, { amount: 300, reason: 'price promised on the shelf' }, key), 201);
    expect(first).toMatchObject({ id: expect.stringMatching(/^rfd_/), paymentId: payment.id, status: 'succeeded', amount: 300, currency: 'CNY' });
    const again = await refund(payment.id, { amount: 300, reason: 'price promised on the shelf' }, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first);
    expect(await order(orderId)).toMatchObject({ status: 'partially_refunded', refundedAmount: 300, payments: [expect.objectContaining({ refundedAmount: 300 })] });

    const second = ok('refund', await refund(payment.id, { amount: 700, reason: 'charged twice' }), 201);
    expect(second).toMatchObject({ status: 'succeeded', amount: 700 });
    const res = await refused(() => refund(payment.id, { amount: 1, reason: 'one fen more' }), 422, 'refund_exceeds_payment');
    expect(res.body.error.details).toEqual([{ amount: 1, refundable: 0 }]);
    expect(await order(orderId)).toMatchObject({ status: 'refunded', refundedAmount: 1000, refunds: [expect.objectContaining({ status: 'succeeded' }), expect.objectContaining({ status: 'succeeded' })] });
    const trade = await sandboxTrade(payment.id);
    expect(trade.refunds.map((r) => [r.outRefundNo, r.fee]).sort()).toEqual([[first.id, 300], [second.id, 700]].sort());
  });

  it('lets only as many concurrent refunds through as the payment covers', async () => {
    const { orderId, payment } = await paidByWechat(3);
    const results = await Promise.all(Array.from({ length: 4 }, () => refund(payment.id, { amount: 250, reason: 'concurrent' })));
    const passed = results.filter((r) => r.status === 201);
    expect(passed).toHaveLength(2);
    expect(results.filter((r) => r.status !== 201).map((r) => r.body.error.code)).toEqual(['refund_exceeds_payment', 'refund_exceeds_payment']);
    expect(await order(orderId)).toMatchObject({ refundedAmount: 500, payments: [expect.objectContaining({ refundedAmount: 500 })] });
    expect((await sandboxTrade(payment.id)).refunds.reduce((n, r) => n + r.fee, 0)).toBe(500);
  });

  it('refunds a return and a cancellation to the wallet that paid', async () => {
    const till = await paidByWechat(2);
    const back = ok('return', await call('POST', `/v1/orders/${till.orderId}/returns`, { token: t.token, body: { lines: [{ skuId: c.skus.water, quantity: 1 }], reason: 'damaged' } }), 201);
    expect(back.refunds).toEqual([expect.objectContaining({ paymentId: till.payment.id, amount: 200, status: 'succeeded' })]);
    expect((await sandboxTrade(till.payment.id)).refunds).toEqual([expect.objectContaining({ outRefundNo: back.refunds[0].id, fee: 200 })]);

    const online = await paidByWechat(2, 'online');
    const cancelled = ok('cancel', await call('POST', `/v1/orders/${online.orderId}/cancel`, { token: t.token, body: { reason: 'customer changed their mind' } }));
    expect(cancelled).toMatchObject({ status: 'cancelled', refundedAmount: 400, refunds: [expect.objectContaining({ paymentId: online.payment.id, amount: 400, status: 'succeeded' })] });
    expect((await sandboxTrade(online.payment.id)).refunds).toEqual([expect.objectContaining({ fee: 400 })]);
  });

  it('refuses bad refunds with nothing written: no key, a bad amount, no reason, an unknown or failed payment', async () => {
    const { payment } = await paidByWechat(1);
    await refused(() => refund(payment.id, { amount: 100, reason: 'no key' }, null), 400, 'validation_failed');
    await refused(() => refund(payment.id, { amount: 0, reason: 'nothing' }), 400, 'validation_failed');
    await refused(() => refund(payment.id, { amount: 1.5, reason: 'half a fen' }), 400, 'validation_failed');
    await refused(() => refund(payment.id, { amount: 100 }), 400, 'validation_failed');
    await refused(() => refund('pay_00000000000000000000000000', { amount: 100, reason: 'unknown' }), 404, 'not_found');
    const o = ok('order', await placeOrder(t.token, { storeId: c.stores.e1, channel: 'pos', lines: [{ skuId: c.skus.water, quantity: 1 }] }), 201);
    const declined = await call('POST', '/v1/payments', { token: t.token, body: { orderId: o.id, flow: 'barcode', authCode: `13${String(Date.now()).slice(-12)}0001` }, headers: { 'idempotency-key': randomUUID() } });
    expect(declined.status).toBe(422);
    const failed = (await order(o.id)).payments[0];
    await refused(() => refund(failed.id, { amount: 100, reason: 'never paid' }), 409, 'invalid_state');
    ok('cash', await payCash(t.token, o.id), 201);
  });
});

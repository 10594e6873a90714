// Paying at the till by the customer's WeChat payment code, through the API against the local
// WeChat Pay sandbox (API.md "Sandbox test codes"): a code that pays, one the wallet declines
// (422, the failed attempt kept, the order still payable), one the customer confirms after the
// till has polled, and one never confirmed (reversed at the provider: failed, timeout_reversed);
// a code no wallet issues is refused before anything is written or any provider called; a
// retried request is the same payment, and the sandbox's own records agree with ours.
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
  t = await tenant('wallets');
  c = await stockedChain(t, 50);
}, 120_000);

/** A WeChat payment code (18 digits, 13...) ending in the sandbox test digits. */
const code = (last4: string) => `13${String(Date.now()).slice(-12)}${last4}`;
const tillOrder = async () => ok('order', await placeOrder(t.token, { storeId: c.stores.e1, channel: 'pos', lines: [{ skuId: c.skus.water, quantity: 2 }] }), 201);
const pay = (orderId: string, body: Record<string, unknown>, key = randomUUID()) => call('POST', '/v1/payments', { token: t.token, body: { orderId, flow: 'barcode', method: 'auto', ...body }, headers: { 'idempotency-key': key } });
const order = async (id: string) => ok('order', await call('GET', `/v1/orders/${id}`, { token: t.token }));
const trades = async () => {
  const mchId = wechatSandboxMchId(cloud().paymentSandboxSecret, t.tenantId);
  const res = await fetch(`${cloud().endpoints.payments}/_sandbox/wechat/_trades?mchId=${mchId}`);
  return ((await res.json()) as { data: { outTradeNo: string; state: string; totalFee: number; refundedByReversal?: boolean }[] }).data;
};
const trade = async (outTradeNo: string) => (await trades()).find((x) => x.outTradeNo === outTradeNo);

describe('barcode payments (WeChat Pay sandbox)', () => {
  it('pays an order with a WeChat code, once however often the request is sent', async () => {
    const o = await tillOrder();
    const key = randomUUID();
    const authCode = code('0000');
    const res = await pay(o.id, { authCode }, key);
    const payment = ok('payment', res, 201);
    expect(payment).toMatchObject({ orderId: o.id, status: 'succeeded', provider: 'wechat', flow: 'barcode', amount: o.total, currency: 'CNY', outTradeNo: payment.id, providerTxnId: expect.stringMatching(/^4200\d{24}$/) });
    const again = await pay(o.id, { authCode }, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(payment);
    expect(await order(o.id)).toMatchObject({ status: 'completed', paidAmount: o.total, payments: [expect.objectContaining({ id: payment.id, status: 'succeeded' })] });
    expect(await trade(payment.id)).toMatchObject({ state: 'SUCCESS', totalFee: o.total });
    expect((await trades()).filter((x) => x.outTradeNo === payment.id)).toHaveLength(1);
  });

  it('keeps a declined attempt and leaves the order to be paid another way', async () => {
    const o = await tillOrder();
    const res = await pay(o.id, { authCode: code('0001') });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'payment_declined', details: [expect.objectContaining({ providerCode: 'notenough' })] });
    const after = await order(o.id);
    expect(after).toMatchObject({ status: 'pending_payment', paidAmount: 0, payments: [expect.objectContaining({ status: 'failed', failureCode: 'notenough', provider: 'wechat' })] });
    ok('cash', await payCash(t.token, o.id), 201);
    expect(await order(o.id)).toMatchObject({ status: 'completed', paidAmount: o.total });
  });

  it('polls a customer who confirms on their phone, and reverses one who never does', async () => {
    const [waits, lapses] = [await tillOrder(), await tillOrder()];
    const started = Date.now();
    const paying = Promise.all([pay(waits.id, { authCode: code('0002') }), pay(lapses.id, { authCode: code('0003') })]);
    // While the customer has not confirmed, the order cannot be cancelled from under the payment.
    await new Promise((r) => setTimeout(r, 1_500));
    const cancel = await call('POST', `/v1/orders/${lapses.id}/cancel`, { token: t.token, body: { reason: 'changed mind' } });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error).toMatchObject({ code: 'invalid_state', details: [{ orderId: lapses.id, processingAmount: lapses.total }] });
    const [confirmed, reversed] = await paying;
    expect(ok('confirmed', confirmed, 201)).toMatchObject({ status: 'succeeded', provider: 'wechat' });
    expect(ok('reversed', reversed, 201)).toMatchObject({ status: 'failed', failureCode: 'timeout_reversed' });
    // The provider's window: queried for 30 s before the reversal.
    expect(Date.now() - started).toBeGreaterThanOrEqual(30_000);
    expect(await trade(reversed.body.id)).toMatchObject({ state: 'REVOKED' });
    expect(await trade(confirmed.body.id)).toMatchObject({ state: 'SUCCESS' });
    expect(await order(lapses.id)).toMatchObject({ status: 'pending_payment', paidAmount: 0 });
    expect(await order(waits.id)).toMatchObject({ status: 'completed' });
  }, 90_000);

  it("takes a till's checkout paid by code in one request, and a declined one leaves the order placed and unpaid", async () => {
    const checkout = (authCode: string) => placeOrder(t.token, { storeId: c.stores.e1, channel: 'pos', lines: [{ skuId: c.skus.water, quantity: 1 }], payment: { flow: 'barcode', method: 'auto', authCode } });
    const paid = ok('checkout', await checkout(code('0000')), 201);
    expect(paid).toMatchObject({ status: 'completed', paidAmount: paid.total, payments: [expect.objectContaining({ provider: 'wechat', flow: 'barcode', status: 'succeeded' })] });
    const declined = await checkout(code('0001'));
    expect(declined.status).toBe(422);
    expect(declined.body.error).toMatchObject({ code: 'payment_declined' });
    await refused(() => checkout('990000000000000000'), 400, 'validation_failed');
  });

  it('refuses a code no wallet issues, or one for another wallet than named, before writing or calling anyone', async () => {
    const o = await tillOrder();
    const before = (await trades()).length;
    await refused(() => pay(o.id, { authCode: '990000000000000000' }), 400, 'validation_failed');
    await refused(() => pay(o.id, { authCode: code('0000'), method: 'alipay' }), 400, 'validation_failed');
    await refused(() => pay(o.id, { authCode: '12ab' }), 400, 'validation_failed');
    await refused(() => pay(o.id, { authCode: code('0000'), amount: o.total + 1 }), 422, 'amount_exceeds_balance');
    expect((await trades()).length).toBe(before);
  });
});

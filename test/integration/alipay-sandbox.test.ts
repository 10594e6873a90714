// The Alipay sandbox driven as a merchant drives Alipay: with the official alipay-sdk, unmodified,
// pointed at /_sandbox/alipay/gateway.do, signing each request RSA2 with the app key and checking
// each answer's signature with Alipay's public key (validateSign), so its accepting them is the
// proof that the sandbox speaks the OpenAPI gateway as Alipay does. Then a till paid by an Alipay
// code through our API, refunded, and the sandbox's records agreeing with ours.
import { generateKeyPairSync, randomInt, randomUUID } from 'node:crypto';
import { AlipaySdk } from 'alipay-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, cloud, type TestTenant } from '../support/api.ts';
import { pricingKit, type PricedChain } from '../support/pricing.ts';
import { ok, placeOrder, stockedChain } from '../support/orders.ts';
import { alipaySandboxAppId } from '../../domain/payments/providers/sandbox-merchants.ts';

const gateway = () => `${cloud().endpoints.payments}/_sandbox/alipay/gateway.do`;
const sdkFor = (appId: string, privateKey = cloud().alipaySandboxKeys.appPrivateKey) =>
  new AlipaySdk({ appId, privateKey, alipayPublicKey: cloud().alipaySandboxKeys.alipayPublicKey, gateway: gateway(), keyType: 'PKCS8', camelcase: false });
/** An Alipay payment code (18 digits, 28...) ending in the sandbox test digits. */
const code = (last4: string) => `28${String(Date.now()).slice(-12)}${last4}`;

describe('the Alipay sandbox, driven by alipay-sdk', () => {
  let sdk: AlipaySdk;
  const exec = (method: string, bizContent: Record<string, unknown>) => sdk.exec(method, { bizContent }, { validateSign: true }) as Promise<Record<string, any>>;
  beforeAll(() => {
    sdk = sdkFor(alipaySandboxAppId(cloud().paymentSandboxSecret, `ten_sdk${randomInt(1e9)}`));
  });
  const pay = (authCode: string, outTradeNo = `SDK${authCode}`) => exec('alipay.trade.pay', { out_trade_no: outTradeNo, scene: 'bar_code', auth_code: authCode, subject: '便利店-可乐', total_amount: '3.50' });

  it('pays a code, answers its query, refunds it in parts and cancels, every answer signed', async () => {
    const paid = await pay(code('0000'));
    expect(paid).toMatchObject({ code: '10000', msg: 'Success', total_amount: '3.50', trade_no: expect.stringMatching(/^\d{28}$/), gmt_payment: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) });
    expect(await exec('alipay.trade.query', { out_trade_no: paid.out_trade_no })).toMatchObject({ code: '10000', trade_status: 'TRADE_SUCCESS', trade_no: paid.trade_no });
    const refund = (outRequestNo: string, amount: string) => exec('alipay.trade.refund', { out_trade_no: paid.out_trade_no, out_request_no: outRequestNo, refund_amount: amount, refund_reason: '退货' });
    expect(await refund('R1', '2.00')).toMatchObject({ code: '10000', fund_change: 'Y', refund_fee: '2.00' });
    expect(await refund('R1', '2.00')).toMatchObject({ code: '10000', fund_change: 'N' });
    expect(await refund('R2', '1.51')).toMatchObject({ code: '40004', sub_code: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL' });
    expect(await exec('alipay.trade.fastpay.refund.query', { out_trade_no: paid.out_trade_no, out_request_no: 'R1' })).toMatchObject({ code: '10000', refund_amount: '2.00', refund_status: 'REFUND_SUCCESS' });
    expect(await exec('alipay.trade.fastpay.refund.query', { out_trade_no: paid.out_trade_no, out_request_no: 'R9' })).not.toHaveProperty('refund_amount');
    const other = await pay(code('0000'));
    expect(await exec('alipay.trade.cancel', { out_trade_no: other.out_trade_no })).toMatchObject({ code: '10000', retry_flag: 'N', action: 'refund' });
    expect(await exec('alipay.trade.query', { out_trade_no: other.out_trade_no })).toMatchObject({ trade_status: 'TRADE_CLOSED' });
  });

  it('declines 0001, keeps 0002 waiting (10003) until the customer confirms, and refuses a code no wallet issues', async () => {
    expect(await pay(code('0001'))).toMatchObject({ code: '40004', msg: 'Business Failed', sub_code: 'ACQ.BUYER_BALANCE_NOT_ENOUGH' });
    const waiting = code('0002');
    expect(await pay(waiting)).toMatchObject({ code: '10003' });
    expect(await exec('alipay.trade.query', { out_trade_no: `SDK${waiting}` })).toMatchObject({ code: '10000', trade_status: 'WAIT_BUYER_PAY' });
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await exec('alipay.trade.query', { out_trade_no: `SDK${waiting}` })).toMatchObject({ trade_status: 'TRADE_SUCCESS', total_amount: '3.50' });
    expect(await pay(waiting)).toMatchObject({ code: '40004', sub_code: 'ACQ.TRADE_HAS_SUCCESS' });
    expect(await pay('1234', 'SDKBAD')).toMatchObject({ code: '40004', sub_code: 'ACQ.PAYMENT_AUTH_CODE_INVALID' });
  });

  it('refuses a request signed with another key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const wrong = sdkFor(alipaySandboxAppId(cloud().paymentSandboxSecret, 'ten_wrong'), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const answer = (await wrong.exec('alipay.trade.query', { bizContent: { out_trade_no: 'X' } }, { validateSign: true })) as Record<string, string>;
    expect(answer).toMatchObject({ code: '40002', sub_code: 'isv.invalid-signature' });
    // And the SDK does check the sandbox's signature: with another Alipay public key it refuses the answer.
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const doubting = new AlipaySdk({ appId: 'x', privateKey: cloud().alipaySandboxKeys.appPrivateKey, alipayPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), gateway: gateway(), keyType: 'PKCS8' });
    await expect(doubting.exec('alipay.trade.query', { bizContent: { out_trade_no: 'X' } }, { validateSign: true })).rejects.toThrow(/验签失败/);
  });
});

describe('Alipay at the till, through the API', () => {
  const { tenant } = pricingKit();
  let t: TestTenant;
  let c: PricedChain;
  beforeAll(async () => {
    t = await tenant('alipay');
    c = await stockedChain(t, 20);
  }, 120_000);
  const trades = async () => {
    const res = await fetch(`${cloud().endpoints.payments}/_sandbox/alipay/_trades?appId=${alipaySandboxAppId(cloud().paymentSandboxSecret, t.tenantId)}`);
    return ((await res.json()) as { data: { outTradeNo: string; state: string; totalFee: number; refunds: { outRefundNo: string; fee: number }[] }[] }).data;
  };

  it('pays a till order with an Alipay code, refunds part of it, and the sandbox agrees', async () => {
    const o = ok('order', await placeOrder(t.token, { storeId: c.stores.e1, channel: 'pos', lines: [{ skuId: c.skus.chips70, quantity: 2 }] }), 201);
    const payment = ok('payment', await call('POST', '/v1/payments', { token: t.token, body: { orderId: o.id, flow: 'barcode', method: 'auto', authCode: code('0000') }, headers: { 'idempotency-key': randomUUID() } }), 201);
    expect(payment).toMatchObject({ status: 'succeeded', provider: 'alipay', amount: 1300, outTradeNo: payment.id, providerTxnId: expect.stringMatching(/^\d{28}$/) });
    const refund = ok('refund', await call('POST', `/v1/payments/${payment.id}/refunds`, { token: t.token, body: { amount: 650, reason: 'one bag was open' }, headers: { 'idempotency-key': randomUUID() } }), 201);
    expect(refund).toMatchObject({ status: 'succeeded', amount: 650 });
    expect(ok('order', await call('GET', `/v1/orders/${o.id}`, { token: t.token }))).toMatchObject({ status: 'partially_refunded', paidAmount: 1300, refundedAmount: 650 });
    expect((await trades()).filter((x) => x.outTradeNo === payment.id)).toEqual([expect.objectContaining({ state: 'SUCCESS', totalFee: 1300, refunds: [expect.objectContaining({ outRefundNo: refund.id, fee: 650 })] })]);
  });

  it('declines 0001 with 422 payment_declined and keeps the failed attempt', async () => {
    const o = ok('order', await placeOrder(t.token, { storeId: c.stores.e1, channel: 'pos', lines: [{ skuId: c.skus.water, quantity: 1 }] }), 201);
    const res = await call('POST', '/v1/payments', { token: t.token, body: { orderId: o.id, flow: 'barcode', authCode: code('0001') }, headers: { 'idempotency-key': randomUUID() } });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'payment_declined', details: [expect.objectContaining({ providerCode: 'acq.buyer_balance_not_enough' })] });
  });
});

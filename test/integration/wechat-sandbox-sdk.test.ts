// The WeChat Pay sandbox driven as a merchant drives WeChat Pay: with a widely used third-party
// SDK (wechatpay-axios-plugin), unmodified, pointed at the sandbox's base URL. The SDK signs each
// request with the merchant's API v2 key and checks each answer's signature, so its accepting
// them is the proof that the sandbox speaks v2 as WeChat does: micropay paid, declined and
// waiting on the customer, orderquery (HMAC-SHA256), reverse, refund and refundquery.
import { generateKeyPairSync, randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Wechatpay } from 'wechatpay-axios-plugin';
import { cloud } from '../support/api.ts';
import { wechatSandboxMchId, wechatSandboxMerchant } from '../../domain/payments/providers/sandbox-merchants.ts';

type V2Client = { post: (data: Record<string, unknown>, config?: Record<string, unknown>) => Promise<{ data: Record<string, string> }> };
let merchant: ReturnType<typeof wechatSandboxMerchant>;
type V2 = { pay: { micropay: V2Client; orderquery: V2Client; refundquery: V2Client }; secapi: { pay: { reverse: V2Client; refund: V2Client } } };
let v2: V2;

/** The SDK's v2 client for a merchant number and API v2 key; it wants API v3 material too, which v2 calls never use. */
const clientOf = (mchId: string, secret: string): V2 => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const wxpay = new Wechatpay({
    mchid: mchId,
    serial: 'SANDBOX',
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certs: { PUB_KEY_ID_SANDBOX: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    secret,
    baseURL: `${cloud().endpoints.payments}/_sandbox/wechat/`,
  } as unknown as ConstructorParameters<typeof Wechatpay>[0]);
  return (wxpay as unknown as { v2: V2 }).v2;
};

beforeAll(() => {
  merchant = wechatSandboxMerchant(cloud().paymentSandboxSecret, wechatSandboxMchId(cloud().paymentSandboxSecret, `ten_sdk${randomInt(1e9)}`));
  v2 = clientOf(merchant.mchId, merchant.apiKey);
});

const order = (authCode: string) => ({ appid: merchant.appId, mch_id: merchant.mchId, body: '便利店-可乐', out_trade_no: `SDK${authCode}`, total_fee: 350, spbill_create_ip: '127.0.0.1', auth_code: authCode });
/** The SDK rejects a signed answer whose result_code is FAIL; its response is the answer. */
const answerOf = (run: Promise<{ data: Record<string, string> }>) => run.then((r) => r.data, (e: { response?: { data: Record<string, string> } }) => e.response?.data ?? Promise.reject(e));
const code = (last4: string) => `13${String(Date.now()).slice(-12)}${last4}`;

describe('the WeChat Pay sandbox, driven by wechatpay-axios-plugin', () => {
  it('pays a payment code and answers the query and reversal of it, every answer signed', async () => {
    const paid = await answerOf(v2.pay.micropay.post(order(code('0000'))));
    expect(paid).toMatchObject({ return_code: 'SUCCESS', result_code: 'SUCCESS', trade_type: 'MICROPAY', total_fee: '350', transaction_id: expect.stringMatching(/^4200\d{24}$/), time_end: expect.stringMatching(/^\d{14}$/) });
    const queried = await answerOf(v2.pay.orderquery.post({ appid: merchant.appId, mch_id: merchant.mchId, out_trade_no: paid.out_trade_no, sign_type: 'HMAC-SHA256' }));
    expect(queried).toMatchObject({ result_code: 'SUCCESS', trade_state: 'SUCCESS', transaction_id: paid.transaction_id, sign_type: 'HMAC-SHA256' });
    expect(await answerOf(v2.secapi.pay.reverse.post({ appid: merchant.appId, mch_id: merchant.mchId, out_trade_no: paid.out_trade_no }, { security: true }))).toMatchObject({ result_code: 'SUCCESS', recall: 'N' });
    expect(await answerOf(v2.pay.orderquery.post({ appid: merchant.appId, mch_id: merchant.mchId, out_trade_no: paid.out_trade_no }))).toMatchObject({ trade_state: 'REFUND' });
  });

  it('declines 0001 and keeps 0002 waiting on the customer until they confirm, as WeChat answers', async () => {
    expect(await answerOf(v2.pay.micropay.post(order(code('0001'))))).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'NOTENOUGH', err_code_des: '余额不足' });
    const waiting = order(code('0002'));
    expect(await answerOf(v2.pay.micropay.post(waiting))).toMatchObject({ result_code: 'FAIL', err_code: 'USERPAYING' });
    const query = () => answerOf(v2.pay.orderquery.post({ appid: merchant.appId, mch_id: merchant.mchId, out_trade_no: waiting.out_trade_no }));
    expect(await query()).toMatchObject({ result_code: 'SUCCESS', trade_state: 'USERPAYING' });
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await query()).toMatchObject({ trade_state: 'SUCCESS', total_fee: '350' });
    // The same order sent again is the same trade, already paid.
    expect(await answerOf(v2.pay.micropay.post(waiting))).toMatchObject({ result_code: 'FAIL', err_code: 'ORDERPAID' });
  });

  it('refunds a paid trade in parts under the merchant\'s refund numbers, never beyond its amount', async () => {
    const paid = await answerOf(v2.pay.micropay.post(order(code('0000'))));
    const refund = (outRefundNo: string, fee: number) =>
      answerOf(v2.secapi.pay.refund.post({ appid: merchant.appId, mch_id: merchant.mchId, out_trade_no: paid.out_trade_no, out_refund_no: outRefundNo, total_fee: 350, refund_fee: fee, refund_desc: '退货' }, { security: true }));
    const first = await refund(`${paid.out_trade_no}R1`, 200);
    expect(first).toMatchObject({ result_code: 'SUCCESS', out_refund_no: `${paid.out_trade_no}R1`, refund_fee: '200', total_fee: '350', refund_id: expect.stringMatching(/^\d{28}$/) });
    // The same refund number is the same refund.
    expect(await refund(`${paid.out_trade_no}R1`, 200)).toMatchObject({ result_code: 'SUCCESS', refund_id: first.refund_id });
    expect(await refund(`${paid.out_trade_no}R2`, 151)).toMatchObject({ result_code: 'FAIL', err_code: 'ERROR', err_code_des: '累计退款金额大于支付金额' });
    const query = () => answerOf(v2.pay.refundquery.post({ appid: merchant.appId, mch_id: merchant.mchId, out_trade_no: paid.out_trade_no }));
    expect(await query()).toMatchObject({ result_code: 'SUCCESS', refund_count: '1', out_refund_no_0: `${paid.out_trade_no}R1`, refund_status_0: 'PROCESSING' });
    await new Promise((r) => setTimeout(r, 600));
    expect(await query()).toMatchObject({ refund_status_0: 'SUCCESS', refund_fee_0: '200', refund_success_time_0: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) });
    expect(await answerOf(v2.pay.refundquery.post({ appid: merchant.appId, mch_id: merchant.mchId, out_refund_no: 'NOSUCHREFUND' }))).toMatchObject({ result_code: 'FAIL', err_code: 'REFUNDNOTEXIST' });
  });

  it('refuses a request signed with another key, answering FAIL without a signature the SDK could check', async () => {
    const wrong = clientOf(merchant.mchId, 'not-the-merchant-key-000000000000');
    const error = await wrong.pay.micropay.post(order(code('0000'))).then(() => undefined, (e: Error & { response?: { data?: unknown } }) => e);
    expect(error?.response?.data).toEqual({ return_code: 'FAIL', return_msg: '签名错误' });
  });
});

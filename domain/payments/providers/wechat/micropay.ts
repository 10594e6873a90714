// WeChat Pay's payment-code flow over API v2 (pay/micropay, pay/orderquery, secapi/pay/reverse),
// signed with the merchant's API v2 key (HMAC-SHA256) and every answer's signature checked before
// anything in it is believed. What the provider documents as "query, don't retry"
// (SYSTEMERROR, BANKERROR, USERPAYING) and any answer we did not get (a timeout, a broken
// connection, a malformed or unsigned reply) are `pending`: the payment flow queries, never pays
// again. The client certificate secapi calls need in production is the adapter's transport's
// concern (a live merchant's mTLS agent); the sandbox takes plain HTTP.
import type { BarcodeProvider, MerchantOrder, TradeOutcome } from '../provider.ts';
import { fromXml, signed, toXml, verify, type V2Fields } from './v2-protocol.ts';

export type WechatV2Merchant = { appId: string; mchId: string; apiKey: string; /** Ends with a slash. */ gateway: string };

/** WeChat's own gateway. */
export const WECHAT_V2_GATEWAY = 'https://api.mch.weixin.qq.com/';
const CALL_TIMEOUT_MS = 10_000;
/** Codes after which WeChat asks merchants to query the trade rather than pay again. */
const QUERY_CODES = new Set(['SYSTEMERROR', 'BANKERROR', 'USERPAYING', 'ORDERPAID']);

type Reply = { ok: true; fields: V2Fields } | { ok: false; why: string };

const call = async (m: WechatV2Merchant, path: string, fields: V2Fields): Promise<Reply> => {
  try {
    const res = await fetch(`${m.gateway}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: toXml(signed({ appid: m.appId, mch_id: m.mchId, ...fields }, m.apiKey, 'HMAC-SHA256')),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const answer = fromXml(await res.text());
    if (answer.return_code !== 'SUCCESS') return { ok: false, why: `return_code ${answer.return_code}: ${answer.return_msg ?? ''}` };
    if (!verify(answer, m.apiKey) || answer.mch_id !== m.mchId) return { ok: false, why: 'the answer is not signed by our merchant key' };
    return { ok: true, fields: answer };
  } catch (error) {
    return { ok: false, why: (error as Error).message };
  }
};

const paid = (f: V2Fields): TradeOutcome => ({ status: 'succeeded', providerTxnId: f.transaction_id ?? '', amount: Number(f.total_fee) });

const ofPayment = (r: Reply): TradeOutcome => {
  if (!r.ok) return { status: 'pending', code: 'NO_ANSWER' };
  const f = r.fields;
  if (f.result_code === 'SUCCESS') return paid(f);
  const code = f.err_code ?? 'SYSTEMERROR';
  if (QUERY_CODES.has(code)) return { status: 'pending', code };
  if (code === 'ORDERREVERSED' || code === 'ORDERCLOSED') return { status: 'closed', code };
  return { status: 'declined', code, message: f.err_code_des ?? code };
};

const ofQuery = (r: Reply): TradeOutcome => {
  if (!r.ok) return { status: 'pending', code: 'NO_ANSWER' };
  const f = r.fields;
  if (f.result_code !== 'SUCCESS') return f.err_code === 'ORDERNOTEXIST' ? { status: 'unknown_trade' } : { status: 'pending', code: f.err_code ?? 'SYSTEMERROR' };
  switch (f.trade_state) {
    case 'SUCCESS':
      return paid(f);
    case 'USERPAYING':
    case 'NOTPAY':
      return { status: 'pending', code: f.trade_state };
    case 'PAYERROR':
      return { status: 'declined', code: 'PAYERROR', message: f.trade_state_desc ?? 'PAYERROR' };
    // REVOKED, CLOSED, REFUND (a paid trade reversed): nothing is owed to us.
    default:
      return { status: 'closed', code: f.trade_state ?? 'CLOSED' };
  }
};

export const wechatBarcode = (m: WechatV2Merchant): BarcodeProvider => ({
  payByCode: async (o: MerchantOrder) =>
    ofPayment(
      await call(m, 'pay/micropay', {
        body: o.description,
        out_trade_no: o.outTradeNo,
        total_fee: String(o.amount),
        fee_type: 'CNY',
        spbill_create_ip: '127.0.0.1',
        auth_code: o.authCode,
        device_info: o.storeId.slice(-32),
      }),
    ),
  query: async (outTradeNo) => ofQuery(await call(m, 'pay/orderquery', { out_trade_no: outTradeNo })),
  reverse: async (outTradeNo) => {
    const r = await call(m, 'secapi/pay/reverse', { out_trade_no: outTradeNo });
    return r.ok && r.fields.result_code === 'SUCCESS';
  },
});

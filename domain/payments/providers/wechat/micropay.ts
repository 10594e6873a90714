// WeChat Pay's payment-code flow over API v2 (pay/micropay, pay/orderquery, secapi/pay/reverse,
// and the refunds of refund.ts), each call signed and its answer checked (v2-call.ts). What the
// provider documents as "query, don't retry" (SYSTEMERROR, BANKERROR, USERPAYING) and any answer
// we did not get are `pending`: the payment flow queries, never pays again.
import type { BarcodeProvider, MerchantOrder, TradeOutcome } from '../provider.ts';
import type { V2Fields } from './v2-protocol.ts';
import { callV2 as call, type Reply, type WechatV2Merchant } from './v2-call.ts';
import { wechatRefunds } from './refund.ts';

/** Codes after which WeChat asks merchants to query the trade rather than pay again. */
const QUERY_CODES = new Set(['SYSTEMERROR', 'BANKERROR', 'USERPAYING', 'ORDERPAID']);

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
  ...wechatRefunds(m),
});

// Refunds over WeChat Pay API v2: secapi/pay/refund asks, pay/refundquery tells. WeChat keys a
// refund by the merchant's out_refund_no ("one refund however many times it is asked"), so asking
// again after no answer, or after SYSTEMERROR / BIZERR_NEED_RETRY, is safe. An accepted refund is
// PROCESSING until the money reaches the customer (at once for a wallet balance, days for a bank
// card): only the query says SUCCESS, REFUNDCLOSE (closed, nothing went back) or CHANGE (the
// customer's account refused it; WeChat hands it to the merchant to settle offline).
import type { RefundOutcome, RefundRequest } from '../provider.ts';
import { callV2, type Reply, type WechatV2Merchant } from './v2-call.ts';

/** Codes after which WeChat asks for the same request again. */
const RETRY_CODES = new Set(['SYSTEMERROR', 'BIZERR_NEED_RETRY', 'FREQUENCY_LIMITED', 'INVALID_REQ_TOO_MUCH']);

const ofRefund = (r: Reply): RefundOutcome => {
  if (!r.ok) return { status: 'pending', code: 'NO_ANSWER' };
  const f = r.fields;
  if (f.result_code === 'SUCCESS') return { status: 'pending', code: 'PROCESSING', providerRefundId: f.refund_id };
  const code = f.err_code ?? 'SYSTEMERROR';
  if (RETRY_CODES.has(code)) return { status: 'pending', code };
  return { status: 'failed', code, message: f.err_code_des ?? code };
};

/** The query's answer for one refund: refundquery numbers a trade's refunds `_0`, `_1`, ... */
const ofRefundQuery = (r: Reply, outRefundNo: string): RefundOutcome => {
  if (!r.ok) return { status: 'pending', code: 'NO_ANSWER' };
  const f = r.fields;
  if (f.result_code !== 'SUCCESS') return f.err_code === 'REFUNDNOTEXIST' ? { status: 'unknown_refund' } : { status: 'pending', code: f.err_code ?? 'SYSTEMERROR' };
  const n = Array.from({ length: Number(f.refund_count ?? 0) }, (_, i) => i).find((i) => f[`out_refund_no_${i}`] === outRefundNo);
  if (n === undefined) return { status: 'unknown_refund' };
  const id = f[`refund_id_${n}`] ?? '';
  switch (f[`refund_status_${n}`]) {
    case 'SUCCESS':
      return { status: 'succeeded', providerRefundId: id };
    case 'REFUNDCLOSE':
      return { status: 'failed', code: 'REFUNDCLOSE', message: 'refund closed' };
    case 'CHANGE':
      return { status: 'failed', code: 'CHANGE', message: "the customer's account refused the refund" };
    default:
      return { status: 'pending', code: 'PROCESSING', providerRefundId: id };
  }
};

export const wechatRefunds = (m: WechatV2Merchant) => ({
  refund: async (r: RefundRequest) =>
    ofRefund(
      await callV2(m, 'secapi/pay/refund', {
        out_trade_no: r.outTradeNo,
        out_refund_no: r.outRefundNo,
        total_fee: String(r.tradeAmount),
        refund_fee: String(r.amount),
        refund_fee_type: 'CNY',
        // WeChat shows it to the customer; it takes at most 80 characters.
        refund_desc: r.reason.slice(0, 80),
      }),
    ),
  queryRefund: async (outTradeNo: string, outRefundNo: string) => ofRefundQuery(await callV2(m, 'pay/refundquery', { out_trade_no: outTradeNo, out_refund_no: outRefundNo }), outRefundNo),
});

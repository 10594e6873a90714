// The Alipay sandbox's OpenAPI gateway (API.md "Provider sandboxes"): /_sandbox/alipay/gateway.do
// answers alipay.trade.pay (scene bar_code), .query, .cancel, .refund and .fastpay.refund.query as
// Alipay does: common parameters in the query string, the rest form-encoded in the body, the
// request's RSA2 signature checked over every parameter but `sign` (sorted, `k=v&...`), and each
// answer `{"<method>_response":{...},"sign":"..."}` signed over the response object's exact text
// with the sandbox's Alipay key, so the official alipay-sdk verifies it. Codes and sub-codes are
// Alipay's (10000, 10003 waiting for the customer, 40004 Business Failed with ACQ.*). Every
// merchant (app id) shares the sandbox's one app key pair (sandbox-merchants.ts).
import { createSign, createVerify } from 'node:crypto';
import { fenOf, yuan } from '../../../domain/payments/providers/alipay/trade.ts';
import type { AlipaySandboxKeys } from '../../../domain/payments/providers/sandbox-merchants.ts';
import { beijingTime, type Trade, type TradeBook } from './wechat-trades.ts';

type Fields = Record<string, unknown>;
type Reply = Fields & { code: string; msg: string };

/** An Alipay payment code: 16 to 24 digits starting 25 to 30. */
const AUTH_CODE = /^(2[5-9]|30)\d{14,22}$/;
const AMOUNT = /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/;

const ok = (fields: Fields = {}): Reply => ({ code: '10000', msg: 'Success', ...fields });
const business = (subCode: string, subMsg: string): Reply => ({ code: '40004', msg: 'Business Failed', sub_code: subCode, sub_msg: subMsg });
const invalid = (subCode: string, subMsg: string): Reply => ({ code: '40002', msg: 'Invalid Arguments', sub_code: subCode, sub_msg: subMsg });

/** `yyyy-MM-dd HH:mm:ss`, Beijing time, as Alipay writes times. */
const alipayTime = (ms: number) => beijingTime(ms).replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, '$1-$2-$3 $4:$5:$6');
/** A 28-digit trade number in Alipay's shape: the day, 2200, a serial (from the book's own id). */
const tradeNo = (t: Trade) => `${t.transactionId.slice(4, 12)}2200${t.transactionId.slice(12, 28)}`;
const buyer = (t: Trade) => ({ buyer_logon_id: `san***@sandbox.com`, buyer_user_id: `2088${t.authCode.slice(-12)}` });
const refunded = (t: Trade) => t.refunds.reduce((n, r) => n + r.fee, 0);

const payFields = (t: Trade) => ({
  trade_no: tradeNo(t),
  out_trade_no: t.outTradeNo,
  ...buyer(t),
  total_amount: yuan(t.totalFee),
  receipt_amount: yuan(t.totalFee),
  buyer_pay_amount: yuan(t.totalFee),
  gmt_payment: alipayTime(t.paidAt ?? t.createdAt),
  fund_bill_list: [{ fund_channel: 'ALIPAYACCOUNT', amount: yuan(t.totalFee) }],
});

const pay = (book: TradeBook, appId: string, biz: Fields): Reply => {
  const missing = ['out_trade_no', 'auth_code', 'subject', 'total_amount'].find((k) => !biz[k]);
  if (missing) return invalid('isv.missing-required-arguments', `缺少必选参数${missing}`);
  if (biz.scene !== 'bar_code') return invalid('isv.invalid-parameter', 'scene参数无效');
  if (!AMOUNT.test(String(biz.total_amount)) || fenOf(String(biz.total_amount)) <= 0) return invalid('isv.invalid-parameter', 'total_amount参数无效');
  if (!AUTH_CODE.test(String(biz.auth_code))) return business('ACQ.PAYMENT_AUTH_CODE_INVALID', '支付失败，获取顾客账户信息失败，请顾客刷新付款码后重新收款');
  const amount = fenOf(String(biz.total_amount));
  const known = book.get(appId, String(biz.out_trade_no));
  if (known && (known.totalFee !== amount || known.authCode !== biz.auth_code)) return business('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
  if (known?.state === 'SUCCESS') return business('ACQ.TRADE_HAS_SUCCESS', '交易已被支付');
  if (known?.state === 'REVOKED') return business('ACQ.TRADE_HAS_CLOSE', '交易已经关闭');
  const trade = known ?? book.open({ mchId: appId, appId, outTradeNo: String(biz.out_trade_no), totalFee: amount, body: String(biz.subject), authCode: String(biz.auth_code) });
  if (trade.state === 'SUCCESS') return ok(payFields(trade));
  if (trade.state === 'USERPAYING') return { code: '10003', msg: ' order success pay inprocess', trade_no: tradeNo(trade), out_trade_no: trade.outTradeNo, ...buyer(trade), total_amount: yuan(trade.totalFee) };
  return business('ACQ.BUYER_BALANCE_NOT_ENOUGH', '买家余额不足');
};

const find = (book: TradeBook, appId: string, biz: Fields): Trade | undefined => {
  const t = biz.out_trade_no ? book.get(appId, String(biz.out_trade_no)) : book.all().find((x) => x.mchId === appId && tradeNo(x) === biz.trade_no);
  // A declined code leaves no trade at Alipay.
  return t?.state === 'PAYERROR' ? undefined : t;
};

const TRADE_STATUS: Record<Exclude<Trade['state'], 'PAYERROR'>, string> = { SUCCESS: 'TRADE_SUCCESS', USERPAYING: 'WAIT_BUYER_PAY', REVOKED: 'TRADE_CLOSED' };

const query = (book: TradeBook, appId: string, biz: Fields): Reply => {
  const t = find(book, appId, biz);
  if (!t) return business('ACQ.TRADE_NOT_EXIST', '交易不存在');
  const status = TRADE_STATUS[t.state as keyof typeof TRADE_STATUS];
  return ok({ trade_status: status, ...(t.state === 'SUCCESS' ? { ...payFields(t), send_pay_date: alipayTime(t.paidAt ?? t.createdAt) } : { trade_no: tradeNo(t), out_trade_no: t.outTradeNo, total_amount: yuan(t.totalFee) }) });
};

const cancel = (book: TradeBook, appId: string, biz: Fields): Reply => {
  const t = find(book, appId, biz);
  if (!t) return business('ACQ.TRADE_NOT_EXIST', '交易不存在');
  if (t.refunds.length) return business('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
  const wasPaid = t.state === 'SUCCESS' && !t.refundedByReversal;
  book.reverse(t);
  return ok({ trade_no: tradeNo(t), out_trade_no: t.outTradeNo, retry_flag: 'N', action: wasPaid ? 'refund' : 'close' });
};

const refund = (book: TradeBook, appId: string, biz: Fields): Reply => {
  if (!biz.refund_amount) return invalid('isv.missing-required-arguments', '缺少必选参数refund_amount');
  if (!AMOUNT.test(String(biz.refund_amount)) || fenOf(String(biz.refund_amount)) <= 0) return invalid('isv.invalid-parameter', 'refund_amount参数无效');
  const t = find(book, appId, biz);
  if (!t) return business('ACQ.TRADE_NOT_EXIST', '交易不存在');
  if (t.state !== 'SUCCESS' || t.refundedByReversal) return business('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
  const fee = fenOf(String(biz.refund_amount));
  // One refund per out_request_no (the trade's own number when none is given, a full refund).
  const number = String(biz.out_request_no ?? t.outTradeNo);
  const known = t.refunds.find((r) => r.outRefundNo === number);
  if (known && known.fee !== fee) return business('ACQ.DISCORDANT_REPEAT_REQUEST', '请求信息不一致');
  if (!known && refunded(t) + fee > t.totalFee) return business('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');
  if (!known) book.refund(t, { outRefundNo: number, fee, reason: String(biz.refund_reason ?? '') }, 0);
  return ok({ trade_no: tradeNo(t), out_trade_no: t.outTradeNo, ...buyer(t), fund_change: known ? 'N' : 'Y', refund_fee: yuan(refunded(t)), gmt_refund_pay: alipayTime(Date.now()) });
};

const refundQuery = (book: TradeBook, appId: string, biz: Fields): Reply => {
  const t = find(book, appId, biz);
  if (!t) return business('ACQ.TRADE_NOT_EXIST', '交易不存在');
  const r = t.refunds.find((x) => x.outRefundNo === String(biz.out_request_no ?? t.outTradeNo));
  // Alipay answers success with no refund in it when it has none under that number.
  if (!r) return ok({ trade_no: tradeNo(t), out_trade_no: t.outTradeNo });
  return ok({ trade_no: tradeNo(t), out_trade_no: t.outTradeNo, out_request_no: r.outRefundNo, total_amount: yuan(t.totalFee), refund_amount: yuan(r.fee), refund_status: 'REFUND_SUCCESS', gmt_refund_pay: alipayTime(r.succeedsAt) });
};

const METHODS: Record<string, (book: TradeBook, appId: string, biz: Fields) => Reply> = {
  'alipay.trade.pay': pay,
  'alipay.trade.query': query,
  'alipay.trade.cancel': cancel,
  'alipay.trade.refund': refund,
  'alipay.trade.fastpay.refund.query': refundQuery,
};

/** The string Alipay signs a request by: every parameter but sign, sorted by name, `k=v&...`. */
export const requestSigningString = (params: Record<string, string>): string =>
  Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');

/** One gateway.do call's answer: the JSON text, signed. `query` and `body` are the request's. */
export const answerAlipay = (book: TradeBook, keys: AlipaySandboxKeys, query: URLSearchParams, body: string): string => {
  const params: Record<string, string> = Object.fromEntries([...query, ...new URLSearchParams(body)]);
  const method = params.method ?? '';
  const reply = (): Reply => {
    if (!method) return { code: '40001', msg: 'Missing Required Arguments', sub_code: 'isv.missing-method', sub_msg: '缺少方法名参数' };
    if (!params.app_id) return { code: '40001', msg: 'Missing Required Arguments', sub_code: 'isv.missing-app-id', sub_msg: '缺少AppID参数' };
    if (!params.sign) return { code: '40001', msg: 'Missing Required Arguments', sub_code: 'isv.missing-signature', sub_msg: '缺少签名参数' };
    if (params.sign_type !== 'RSA2') return invalid('isv.invalid-signature-type', '无效签名类型');
    const verifier = createVerify('RSA-SHA256').update(requestSigningString(params), 'utf8');
    if (!verifier.verify(keys.appPublicKey, params.sign, 'base64')) return invalid('isv.invalid-signature', '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配');
    const handler = METHODS[method];
    if (!handler) return invalid('isv.invalid-method', '不存在的方法名');
    let biz: Fields;
    try {
      biz = JSON.parse(params.biz_content ?? '{}') as Fields;
    } catch {
      return invalid('isv.invalid-parameter', 'biz_content参数无效');
    }
    return handler(book, params.app_id, biz);
  };
  const inner = JSON.stringify(reply());
  const sign = createSign('RSA-SHA256').update(inner, 'utf8').sign(keys.alipayPrivateKey, 'base64');
  return `{"${(method || 'error').replaceAll('.', '_')}_response":${inner},"sign":"${sign}"}`;
};

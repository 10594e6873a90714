// The WeChat Pay sandbox's API v2 (API.md "Provider sandboxes"): pay/micropay, pay/orderquery,
// secapi/pay/reverse, secapi/pay/refund and pay/refundquery, in the provider's XML, with its field names, codes and messages, every
// request's signature checked with the merchant's key and every answer signed with it (MD5, or
// HMAC-SHA256 when the request asked for it), so a merchant's own SDK works against it unmodified.
import { verify, signed, fromXml, toXml, signTypeOf, type V2Fields } from '../../../domain/payments/providers/wechat/v2-protocol.ts';
import { wechatSandboxMerchant } from '../../../domain/payments/providers/sandbox-merchants.ts';
import { beijingTime, type Trade, type TradeBook } from './wechat-trades.ts';

/** A WeChat payment code: 18 digits starting 10 to 15. */
const AUTH_CODE = /^1[0-5]\d{16}$/;
const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{1,32}$/;

const fail = (msg: string): string => toXml({ return_code: 'FAIL', return_msg: msg });

const refuse = (errCode: string, description: string): V2Fields => ({ result_code: 'FAIL', err_code: errCode, err_code_des: description });

const paidFields = (t: Trade): V2Fields => ({
  openid: `oSandbox${t.authCode.slice(2, 12)}`,
  is_subscribe: 'N',
  trade_type: 'MICROPAY',
  bank_type: 'OTHERS',
  total_fee: String(t.totalFee),
  fee_type: 'CNY',
  cash_fee: String(t.totalFee),
  cash_fee_type: 'CNY',
  transaction_id: t.transactionId,
  out_trade_no: t.outTradeNo,
  time_end: beijingTime(t.paidAt ?? t.createdAt),
});

const STATE_DESC: Record<Trade['state'], string> = { SUCCESS: '支付成功', USERPAYING: '需要用户输入支付密码', PAYERROR: '支付失败', REVOKED: '已撤销' };

const micropay = (book: TradeBook, f: V2Fields): V2Fields => {
  const missing = ['body', 'out_trade_no', 'total_fee', 'spbill_create_ip', 'auth_code'].find((k) => !f[k]);
  if (missing) return refuse('PARAM_ERROR', `缺少参数${missing}`);
  if (!OUT_TRADE_NO.test(f.out_trade_no!)) return refuse('PARAM_ERROR', 'out_trade_no格式错误');
  if (!/^[1-9]\d{0,9}$/.test(f.total_fee!)) return refuse('PARAM_ERROR', 'total_fee格式错误');
  if (!AUTH_CODE.test(f.auth_code!)) return refuse('AUTH_CODE_INVALID', '付款码无效，请重新扫码');
  const known = book.get(f.mch_id!, f.out_trade_no!);
  if (known && (known.totalFee !== Number(f.total_fee) || known.authCode !== f.auth_code)) return refuse('OUT_TRADE_NO_USED', '商户订单号重复');
  const trade = known ?? book.open({ mchId: f.mch_id!, appId: f.appid!, outTradeNo: f.out_trade_no!, totalFee: Number(f.total_fee), body: f.body!, authCode: f.auth_code! });
  // A repeat of a trade made before answers with where that trade stands.
  if (trade.state === 'SUCCESS') return known ? refuse('ORDERPAID', '订单已支付') : { result_code: 'SUCCESS', ...paidFields(trade) };
  if (trade.state === 'USERPAYING') return refuse('USERPAYING', '需要用户输入支付密码');
  if (trade.state === 'REVOKED') return refuse('ORDERREVERSED', '订单已撤销');
  return refuse(trade.errCode ?? 'SYSTEMERROR', '余额不足');
};

const find = (book: TradeBook, f: V2Fields): Trade | undefined => (f.transaction_id ? book.byTransactionId(f.mch_id!, f.transaction_id) : f.out_trade_no ? book.get(f.mch_id!, f.out_trade_no) : undefined);

const orderquery = (book: TradeBook, f: V2Fields): V2Fields => {
  if (!f.transaction_id && !f.out_trade_no) return refuse('PARAM_ERROR', '缺少参数out_trade_no或transaction_id');
  const trade = find(book, f);
  if (!trade) return refuse('ORDERNOTEXIST', '此交易订单号不存在');
  // A trade that money went back from, by reversal or refund, reads as REFUND.
  const refundedAny = trade.refundedByReversal || trade.refunds.length > 0;
  return {
    result_code: 'SUCCESS',
    trade_state: refundedAny ? 'REFUND' : trade.state,
    trade_state_desc: refundedAny ? '转入退款' : STATE_DESC[trade.state],
    out_trade_no: trade.outTradeNo,
    total_fee: String(trade.totalFee),
    trade_type: 'MICROPAY',
    ...(trade.state === 'SUCCESS' || refundedAny ? paidFields(trade) : {}),
  };
};

const reverse = (book: TradeBook, f: V2Fields): V2Fields => {
  if (!f.transaction_id && !f.out_trade_no) return refuse('PARAM_ERROR', '缺少参数out_trade_no或transaction_id');
  const trade = find(book, f);
  if (!trade) return refuse('ORDERNOTEXIST', '此交易订单号不存在');
  book.reverse(trade);
  // recall: whether the merchant must call reverse again (never needed here).
  return { result_code: 'SUCCESS', recall: 'N' };
};

const OUT_REFUND_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;
const refunded = (t: Trade) => t.refunds.reduce((n, r) => n + r.fee, 0);

const refund = (book: TradeBook, f: V2Fields): V2Fields => {
  const missing = ['out_refund_no', 'total_fee', 'refund_fee'].find((k) => !f[k]) ?? (f.transaction_id || f.out_trade_no ? undefined : 'out_trade_no');
  if (missing) return refuse('PARAM_ERROR', `缺少参数${missing}`);
  if (!OUT_REFUND_NO.test(f.out_refund_no!)) return refuse('PARAM_ERROR', 'out_refund_no格式错误');
  if (!/^[1-9]\d{0,9}$/.test(f.total_fee!) || !/^[1-9]\d{0,9}$/.test(f.refund_fee!)) return refuse('PARAM_ERROR', '金额格式错误');
  const trade = find(book, f);
  if (!trade) return refuse('ORDERNOTEXIST', '订单不存在');
  if (trade.state !== 'SUCCESS' || trade.refundedByReversal) return refuse('ERROR', '订单状态错误');
  if (Number(f.total_fee) !== trade.totalFee) return refuse('ERROR', '订单金额或退款金额与之前请求不一致，请核实后再试');
  // The same out_refund_no is the same refund, however often it is asked for.
  const known = trade.refunds.find((r) => r.outRefundNo === f.out_refund_no);
  if (known && known.fee !== Number(f.refund_fee)) return refuse('ERROR', '订单金额或退款金额与之前请求不一致，请核实后再试');
  if (!known && refunded(trade) + Number(f.refund_fee) > trade.totalFee) return refuse('ERROR', '累计退款金额大于支付金额');
  const r = known ?? book.refund(trade, { outRefundNo: f.out_refund_no!, fee: Number(f.refund_fee), reason: f.refund_desc ?? '' });
  return {
    result_code: 'SUCCESS',
    transaction_id: trade.transactionId,
    out_trade_no: trade.outTradeNo,
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    refund_fee: String(r.fee),
    total_fee: String(trade.totalFee),
    cash_fee: String(trade.totalFee),
    cash_refund_fee: String(r.fee),
  };
};

/** `yyyy-MM-dd HH:mm:ss`, Beijing time, as refundquery writes a success time. */
const dashedTime = (ms: number) => beijingTime(ms).replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, '$1-$2-$3 $4:$5:$6');

const refundquery = (book: TradeBook, f: V2Fields): V2Fields => {
  if (!f.transaction_id && !f.out_trade_no && !f.out_refund_no && !f.refund_id) return refuse('PARAM_ERROR', '缺少参数');
  const trade = f.transaction_id || f.out_trade_no ? find(book, f) : book.all().find((t) => t.mchId === f.mch_id && t.refunds.some((r) => r.outRefundNo === f.out_refund_no || r.refundId === f.refund_id));
  const refunds = (trade?.refunds ?? []).filter((r) => (!f.out_refund_no || r.outRefundNo === f.out_refund_no) && (!f.refund_id || r.refundId === f.refund_id));
  if (!trade || refunds.length === 0) return refuse('REFUNDNOTEXIST', '退款订单查询失败');
  const numbered = refunds.flatMap((r, n): [string, string][] => {
    const state = book.refundState(r);
    return [
      [`out_refund_no_${n}`, r.outRefundNo],
      [`refund_id_${n}`, r.refundId],
      [`refund_channel_${n}`, 'ORIGINAL'],
      [`refund_fee_${n}`, String(r.fee)],
      [`refund_status_${n}`, state],
      [`refund_recv_accout_${n}`, '支付用户零钱'],
      ...(state === 'SUCCESS' ? [[`refund_success_time_${n}`, dashedTime(r.succeedsAt)] as [string, string]] : []),
    ];
  });
  return {
    result_code: 'SUCCESS',
    transaction_id: trade.transactionId,
    out_trade_no: trade.outTradeNo,
    total_fee: String(trade.totalFee),
    cash_fee: String(trade.totalFee),
    refund_count: String(refunds.length),
    ...Object.fromEntries(numbered),
  };
};

const ROUTES: Record<string, (book: TradeBook, f: V2Fields) => V2Fields> = {
  'pay/micropay': micropay,
  'pay/orderquery': orderquery,
  'secapi/pay/reverse': reverse,
  'secapi/pay/refund': refund,
  'pay/refundquery': refundquery,
};

export const isWechatV2Path = (path: string): boolean => path in ROUTES;

/** One v2 call's answer, as XML. `path` is the part after the sandbox's base URL. */
export const answerWechatV2 = (book: TradeBook, secret: string, path: string, body: string): string => {
  let fields: V2Fields;
  try {
    fields = fromXml(body);
  } catch {
    return fail('XML格式错误');
  }
  if (!fields.mch_id || !/^\d{1,32}$/.test(fields.mch_id)) return fail('mch_id参数格式错误');
  const merchant = wechatSandboxMerchant(secret, fields.mch_id);
  if (!fields.nonce_str || !fields.sign) return fail('缺少参数sign或nonce_str');
  if (!verify(fields, merchant.apiKey)) return fail('签名错误');
  const head = { return_code: 'SUCCESS', return_msg: 'OK', appid: fields.appid ?? '', mch_id: fields.mch_id };
  const answer = fields.appid !== merchant.appId ? refuse('APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配') : ROUTES[path]!(book, fields);
  return toXml(signed({ ...head, ...(fields.device_info ? { device_info: fields.device_info } : {}), ...answer }, merchant.apiKey, signTypeOf(fields)));
};


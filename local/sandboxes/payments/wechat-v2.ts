// The WeChat Pay sandbox's API v2 (API.md "Provider sandboxes"): pay/micropay, pay/orderquery and
// secapi/pay/reverse, in the provider's XML, with its field names, codes and messages, every
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
  const state = trade.refundedByReversal ? 'REFUND' : trade.state;
  return {
    result_code: 'SUCCESS',
    trade_state: state,
    trade_state_desc: trade.refundedByReversal ? '转入退款' : STATE_DESC[trade.state],
    out_trade_no: trade.outTradeNo,
    total_fee: String(trade.totalFee),
    trade_type: 'MICROPAY',
    ...(trade.state === 'SUCCESS' || trade.refundedByReversal ? paidFields(trade) : {}),
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

const ROUTES: Record<string, (book: TradeBook, f: V2Fields) => V2Fields> = { 'pay/micropay': micropay, 'pay/orderquery': orderquery, 'secapi/pay/reverse': reverse };

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


// Alipay's payment-code flow over OpenAPI (gateway.do), through the official alipay-sdk: each
// request signed RSA2 with the merchant's app key, each answer's signature checked with Alipay's
// public key before anything in it is believed. alipay.trade.pay takes the code; 10003 means the
// customer is confirming and 20000 or ACQ.SYSTEM_ERROR that Alipay could not say: both are
// queried (alipay.trade.query), never paid again. alipay.trade.cancel reverses (it closes an
// unpaid trade and refunds a paid one). Refunds (alipay.trade.refund) are keyed by our
// out_request_no and are synchronous at Alipay; alipay.trade.fastpay.refund.query confirms them.
// Amounts are yuan strings with two decimals at Alipay and integer fen here.
import { AlipaySdk } from 'alipay-sdk';
import type { BarcodeProvider, MerchantOrder, RefundOutcome, RefundRequest, TradeOutcome } from '../provider.ts';

export type AlipayMerchant = { appId: string; appPrivateKey: string; alipayPublicKey: string; gateway: string };
type Answer = Record<string, string | undefined>;

const CALL_TIMEOUT_MS = 10_000;
/** Sub-codes after which Alipay asks merchants to query (or ask again) rather than give up. */
const QUERY_SUB_CODES = new Set(['ACQ.SYSTEM_ERROR', 'ACQ.TRADE_HAS_SUCCESS', 'aop.ACQ.SYSTEM_ERROR']);

export const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
/** `12.30` to 1230, without floating point. */
export const fenOf = (amount: string | undefined): number => {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount ?? '');
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : Number.NaN;
};

export const alipayBarcode = (m: AlipayMerchant): BarcodeProvider => {
  const sdk = new AlipaySdk({ appId: m.appId, privateKey: m.appPrivateKey, alipayPublicKey: m.alipayPublicKey, gateway: m.gateway, keyType: 'PKCS8', camelcase: false, timeout: CALL_TIMEOUT_MS });
  /** One call's answer, or undefined when there was none we can believe (no answer, a bad signature). */
  const call = async (method: string, bizContent: Record<string, unknown>): Promise<Answer | undefined> => {
    try {
      return (await sdk.exec(method, { bizContent }, { validateSign: true })) as unknown as Answer;
    } catch {
      return undefined;
    }
  };
  const paid = (a: Answer): TradeOutcome => ({ status: 'succeeded', providerTxnId: a.trade_no ?? '', amount: fenOf(a.total_amount) });
  const undecided = (a: Answer | undefined): boolean => !a || a.code === '10003' || a.code === '20000' || QUERY_SUB_CODES.has(a.sub_code ?? '');

  return {
    payByCode: async (o: MerchantOrder) => {
      const a = await call('alipay.trade.pay', { out_trade_no: o.outTradeNo, scene: 'bar_code', auth_code: o.authCode, subject: o.description, total_amount: yuan(o.amount), store_id: o.storeId.slice(-32) });
      if (a?.code === '10000') return paid(a);
      if (undecided(a)) return { status: 'pending', code: a?.code === '10003' ? 'WAIT_BUYER_PAY' : 'NO_ANSWER' };
      if (a!.sub_code === 'ACQ.TRADE_HAS_CLOSE') return { status: 'closed', code: 'TRADE_CLOSED' };
      return { status: 'declined', code: a!.sub_code ?? a!.code ?? 'FAIL', message: a!.sub_msg ?? a!.msg ?? 'declined' };
    },
    query: async (outTradeNo) => {
      const a = await call('alipay.trade.query', { out_trade_no: outTradeNo });
      if (a?.code === '10000') {
        if (a.trade_status === 'TRADE_SUCCESS' || a.trade_status === 'TRADE_FINISHED') return paid(a);
        if (a.trade_status === 'WAIT_BUYER_PAY') return { status: 'pending', code: 'WAIT_BUYER_PAY' };
        return { status: 'closed', code: a.trade_status ?? 'TRADE_CLOSED' };
      }
      if (a?.sub_code === 'ACQ.TRADE_NOT_EXIST') return { status: 'unknown_trade' };
      return { status: 'pending', code: a?.sub_code ?? 'NO_ANSWER' };
    },
    reverse: async (outTradeNo) => {
      const a = await call('alipay.trade.cancel', { out_trade_no: outTradeNo });
      // retry_flag Y: Alipay asks for the cancel again.
      return a?.code === '10000' && a.retry_flag !== 'Y';
    },
    refund: async (r: RefundRequest): Promise<RefundOutcome> => {
      const a = await call('alipay.trade.refund', { out_trade_no: r.outTradeNo, out_request_no: r.outRefundNo, refund_amount: yuan(r.amount), refund_reason: r.reason.slice(0, 256) });
      // fund_change N on a repeat: the money moved on the first; the query says so.
      if (a?.code === '10000') return a.fund_change === 'Y' ? { status: 'succeeded', providerRefundId: a.trade_no ?? '' } : { status: 'pending', code: 'NO_FUND_CHANGE' };
      if (undecided(a)) return { status: 'pending', code: a?.sub_code ?? 'NO_ANSWER' };
      return { status: 'failed', code: a!.sub_code ?? a!.code ?? 'FAIL', message: a!.sub_msg ?? a!.msg ?? 'refused' };
    },
    queryRefund: async (outTradeNo, outRefundNo): Promise<RefundOutcome> => {
      const a = await call('alipay.trade.fastpay.refund.query', { out_trade_no: outTradeNo, out_request_no: outRefundNo });
      if (a?.code !== '10000') return { status: 'pending', code: a?.sub_code ?? 'NO_ANSWER' };
      // Alipay answers 10000 with no refund in it when it has none under that number.
      if (!a.refund_amount) return { status: 'unknown_refund' };
      return a.refund_status === 'REFUND_SUCCESS' || a.refund_status === undefined ? { status: 'succeeded', providerRefundId: a.trade_no ?? '' } : { status: 'pending', code: a.refund_status };
    },
  };
};

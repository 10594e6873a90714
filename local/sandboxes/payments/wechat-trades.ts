// A wallet sandbox's own trade records: what its query calls answer from, keyed by merchant and
// merchant order number (out_trade_no) as the providers key them. The states are WeChat's names;
// the Alipay sandbox keeps a book of its own and answers in Alipay's (alipay-gateway.ts). A trade's state moves as the
// provider's does for a payment code (micropay): SUCCESS, USERPAYING while the customer confirms,
// PAYERROR when declined, REVOKED once reversed (a paid one is then refunded). A paid trade takes
// refunds, each keyed by the merchant's out_refund_no, PROCESSING for a moment and then SUCCESS,
// never more in total than the trade's amount.
import { randomInt } from 'node:crypto';

export type TradeState = 'SUCCESS' | 'USERPAYING' | 'PAYERROR' | 'REVOKED';

export type RefundRecord = { outRefundNo: string; refundId: string; fee: number; reason: string; createdAt: number; succeedsAt: number };

export type Trade = {
  mchId: string;
  appId: string;
  outTradeNo: string;
  transactionId: string;
  totalFee: number;
  body: string;
  authCode: string;
  state: TradeState;
  /** A trade waiting on the customer confirms at this time (never, for test code 0003). */
  confirmsAt?: number;
  errCode?: string;
  createdAt: number;
  paidAt?: number;
  /** Whether it was paid before it was reversed: then the reversal refunded it. */
  refundedByReversal?: boolean;
  refunds: RefundRecord[];
};

/** The sandbox test codes (API.md): the auth code's last four digits. */
export const TEST_CODES = { declined: '0001', confirmsAfterPolling: '0002', neverConfirms: '0003' } as const;
/** How long a `0002` customer takes to enter their password. */
export const CONFIRM_AFTER_MS = 2_000;
/** How long a refund stays PROCESSING (to a wallet balance it is near instant at WeChat too). */
export const REFUND_AFTER_MS = 500;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** `yyyyMMddHHmmss`, Beijing time, as the provider writes times. */
export const beijingTime = (ms: number): string => {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}`;
};
/** A 28-digit transaction id in the provider's shape: 4200 + the day + a serial. */
const transactionId = (now: number): string => `4200${beijingTime(now).slice(0, 8)}${pad(randomInt(0, 10 ** 8), 8)}${pad(randomInt(0, 10 ** 8), 8)}`;

export const createTradeBook = (clock: () => number = Date.now) => {
  const trades = new Map<string, Trade>();
  const keyOf = (mchId: string, outTradeNo: string) => `${mchId}/${outTradeNo}`;
  /** A trade's state now: a waiting customer who confirms by now has paid. */
  const current = (t: Trade): Trade => {
    if (t.state === 'USERPAYING' && t.confirmsAt !== undefined && clock() >= t.confirmsAt) Object.assign(t, { state: 'SUCCESS', paidAt: t.confirmsAt });
    return t;
  };
  return {
    get: (mchId: string, outTradeNo: string) => {
      const t = trades.get(keyOf(mchId, outTradeNo));
      return t && current(t);
    },
    byTransactionId: (mchId: string, id: string) => {
      const t = [...trades.values()].find((x) => x.mchId === mchId && x.transactionId === id);
      return t && current(t);
    },
    /** A new micropay trade, its outcome decided by the auth code's test digits. */
    open: (fields: Omit<Trade, 'transactionId' | 'state' | 'createdAt' | 'refunds'>): Trade => {
      const now = clock();
      const code = fields.authCode.slice(-4);
      const base = { ...fields, transactionId: transactionId(now), createdAt: now, refunds: [] };
      const trade: Trade =
        code === TEST_CODES.declined
          ? { ...base, state: 'PAYERROR', errCode: 'NOTENOUGH' }
          : code === TEST_CODES.confirmsAfterPolling
            ? { ...base, state: 'USERPAYING', confirmsAt: now + CONFIRM_AFTER_MS }
            : code === TEST_CODES.neverConfirms
              ? { ...base, state: 'USERPAYING' }
              : { ...base, state: 'SUCCESS', paidAt: now };
      trades.set(keyOf(fields.mchId, fields.outTradeNo), trade);
      return trade;
    },
    reverse: (t: Trade): Trade => Object.assign(current(t), { refundedByReversal: t.state === 'SUCCESS', state: 'REVOKED' as const, confirmsAt: undefined }),
    /** A refund's state now. */
    refundState: (r: RefundRecord): 'PROCESSING' | 'SUCCESS' => (clock() >= r.succeedsAt ? 'SUCCESS' : 'PROCESSING'),
    /** Records a refund of a paid trade, through after `afterMs`; the caller has checked it fits. */
    refund: (t: Trade, r: Pick<RefundRecord, 'outRefundNo' | 'fee' | 'reason'>, afterMs = REFUND_AFTER_MS): RefundRecord => {
      const now = clock();
      const record = { ...r, refundId: `5030${transactionId(now).slice(4)}`, createdAt: now, succeedsAt: now + afterMs };
      t.refunds.push(record);
      return record;
    },
    all: () => [...trades.values()].map(current),
  };
};

export type TradeBook = ReturnType<typeof createTradeBook>;

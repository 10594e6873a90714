// Meituan's numbers that the adapter acts on (docs/delivery-platforms.md §1, §5, §6): order
// statuses, the merchant-side cancel reason codes we send, and the error codes of its answers.
import type { PlatformStatus, RejectReason } from '../adapter.ts';

/** 1 submitted · 2 pushed to merchant · 3 received · 4 confirmed · 6 delivering · 8 completed · 9 cancelled. */
export const statusOf = (code: number): PlatformStatus => {
  if (code === 9) return { rank: 9, stage: 'cancelled' };
  if (code >= 8) return { rank: code, stage: 'completed' };
  if (code >= 6) return { rank: code, stage: 'delivering' };
  if (code >= 4) return { rank: code, stage: 'confirmed' };
  return { rank: code, stage: 'new' };
};

/** Our reasons for not filling an order, as Meituan's merchant-side codes with a short text. */
export const REJECT_CODES: Readonly<Record<RejectReason, { code: number; reason: string }>> = {
  sold_out: { code: 2009, reason: '商品已售完' },
  store_closed: { code: 2011, reason: '店铺已打烊' },
  // A store code we do not know and a line we cannot read have no code of their own: 2007 "other".
  unknown_store: { code: 2007, reason: '门店信息有误' },
  unfillable: { code: 2007, reason: '订单无法处理' },
};

export const ERROR_CODES = {
  missingParameter: 701,
  unknownApp: 702,
  badSignature: 703,
  badParameter: 705,
  throttled: 711,
  unknownItem: 805,
  noSuchOrder: 806,
  stateChanged: 808,
  unknownSku: 1015,
  alreadyFinished: 1022,
  tokenExpired: 4001,
} as const;

/** Errors that mean the item is not on the platform: retrying the same SKU cannot help. */
export const BROKEN_LINK_CODES: readonly number[] = [ERROR_CODES.unknownItem, ERROR_CODES.unknownSku];

// What a payment provider does for a payment code the cashier scanned (the barcode flow), as the
// payment flow sees it (wallet-payments.ts); each provider's adapter speaks its own protocol
// behind it, and nothing provider-specific passes this line. Refunds go back through the same
// adapter; the QR flow, notifications and bills join it as the providers' adapters grow them.
export type MerchantOrder = {
  /** The merchant order number the provider keys the trade by (our payment's outTradeNo). */
  outTradeNo: string;
  amount: number;
  authCode: string;
  description: string;
  /** Where the till is: the provider records it (WeChat's device_info). */
  storeId: string;
};

/** Where a trade stands at the provider, as far as this call could tell. */
export type TradeOutcome =
  | { status: 'succeeded'; providerTxnId: string; amount: number }
  /** The customer's wallet refused (insufficient funds, a blocked card): final. */
  | { status: 'declined'; code: string; message: string }
  /** Not decided yet: the customer is confirming, or the provider could not say (query, never pay again). */
  | { status: 'pending'; code: string }
  /** The trade was reversed or closed: no money moved, or it went back. */
  | { status: 'closed'; code: string }
  /** The provider has no such trade: the payment call never reached it. */
  | { status: 'unknown_trade' };

/** A refund of (part of) a trade, keyed at the provider by our refund's outRefundNo. */
export type RefundRequest = { outTradeNo: string; outRefundNo: string; /** The trade's whole amount. */ tradeAmount: number; amount: number; reason: string };

/** Where a refund stands at the provider. */
export type RefundOutcome =
  | { status: 'succeeded'; providerRefundId: string }
  /** Accepted and on its way, or not known yet (no answer): query, or ask again with the same outRefundNo. */
  | { status: 'pending'; code: string; providerRefundId?: string }
  /** Refused or closed by the provider: no money went back. */
  | { status: 'failed'; code: string; message: string }
  /** The provider has no such refund: the request never reached it. */
  | { status: 'unknown_refund' };

export type BarcodeProvider = {
  /** Takes the payment; a repeat with the same outTradeNo is the same trade at the provider. */
  payByCode: (order: MerchantOrder) => Promise<TradeOutcome>;
  query: (outTradeNo: string) => Promise<TradeOutcome>;
  /** Reverses a trade that must not complete (closing it, or refunding it if it did); true once reversed. */
  reverse: (outTradeNo: string) => Promise<boolean>;
  /** Asks for a refund; a repeat with the same outRefundNo is the same refund at the provider. */
  refund: (request: RefundRequest) => Promise<RefundOutcome>;
  queryRefund: (outTradeNo: string, outRefundNo: string) => Promise<RefundOutcome>;
};

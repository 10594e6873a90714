// What a payment provider does for a payment code the cashier scanned (the barcode flow), as the
// payment flow sees it (wallet-payments.ts); each provider's adapter speaks its own protocol
// behind it, and nothing provider-specific passes this line. The QR flow, refunds, notifications
// and bills join it as the providers' adapters grow them.
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

export type BarcodeProvider = {
  /** Takes the payment; a repeat with the same outTradeNo is the same trade at the provider. */
  payByCode: (order: MerchantOrder) => Promise<TradeOutcome>;
  query: (outTradeNo: string) => Promise<TradeOutcome>;
  /** Reverses a trade that must not complete (closing it, or refunding it if it did); true once reversed. */
  reverse: (outTradeNo: string) => Promise<boolean>;
};

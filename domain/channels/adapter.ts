// The delivery-platform seam: what the channels context needs from a platform, whatever its
// protocol. An adapter (meituan/adapter.ts) reads and verifies the platform's pushes, says what
// each one means in these terms, and makes the calls we answer with (confirm, reject, stock).
// Nothing outside an adapter's folder knows a platform's field names, codes or signature.
import type { ChannelPlatform } from './platforms.ts';

/** A push as it reached us: the platform may put its parameters in the query, the body or both. */
export type PushRequest = { method: string; rawQuery: string; body: string | undefined; contentType: string | undefined };

/**
 * A push read but not yet verified: its parameters exactly as the platform signed them.
 * `urlCheck`: neither signed nor about an order, as the developer console's check of the URL is.
 */
export type SignedPush = { appId: string | undefined; params: Readonly<Record<string, string>>; urlCheck: boolean };

/** What verifying needs of the tenant's account: the app it runs, and where its pushes were registered. */
export type AppAccount = { appId: string; pushUrl: string; secret: string };
/** What our calls to the platform need. */
export type PlatformApp = { appId: string; secret: string };

/** Where an order is on the platform: `rank` only grows, except that a cancellation always applies. */
export type PlatformStatus = { rank: number; stage: 'new' | 'confirmed' | 'delivering' | 'completed' | 'cancelled' };

/** A line as the platform names it: the codes we uploaded for it, most specific first. */
export type PlatformLine = { name: string; quantity: number; skuCode?: string; spuCode?: string; upc?: string };

export type PlatformOrder = {
  platformOrderId: string;
  /** What the platform calls the store: the store code it is bound under. */
  storeCode: string;
  status: PlatformStatus;
  lines: PlatformLine[];
  address?: string;
  /** The order number the customer and the rider see. */
  displayId?: string;
};

export type Push =
  /** A push without an order, such as the developer console checking the URL: answered, nothing done. */
  | { kind: 'check' }
  /** A paid order, new to us or sent again. */
  | { kind: 'order'; order: PlatformOrder }
  /** The order moved on the platform (confirmed, delivering, completed). */
  | { kind: 'progress'; platformOrderId: string; status: PlatformStatus; key: string }
  | { kind: 'cancelled'; platformOrderId: string; reason: string; key: string }
  /** After-sales: `agreed` and `full` together mean the whole order was refunded. */
  | { kind: 'refund'; platformOrderId: string; agreed: boolean; full: boolean; reason: string; key: string }
  /** Something we acknowledge and do not act on (courier progress, ...). */
  | { kind: 'other'; platformOrderId: string; what: string };

/** Why we cannot fill an order; the adapter turns it into the platform's reason code. */
export const REJECT_REASONS = ['sold_out', 'store_closed', 'unknown_store', 'unfillable'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** How a confirm or cancel call ended: done, or the order had already moved on the platform. */
export type CallOutcome = 'done' | 'state_changed';

export type StockItem = { skuCode: string; spuCode: string; stock: number };
/** SKUs the platform refused; `broken` ones it does not know, so retrying cannot help. */
export type StockOutcome = { failed: { skuCode: string; code: number; broken: boolean }[] };

/** The platform's limits on stock calls (see docs/delivery-platforms.md for where they come from). */
export type StockLimits = {
  requestsPerSecond: number;
  burst: number;
  storeIntervalMs: number;
  /** Products (SPU groups) in one call. */
  maxGroupsPerCall: number;
  maxStock: number;
  /** Back-off after a throttle: first wait, doubled each time, up to the last. */
  backoffMs: { first: number; max: number };
};

export interface DeliveryPlatform {
  readonly channel: ChannelPlatform;
  readonly stockLimits: StockLimits;
  /** Reads the parameters; throws PushUnverifiedError when they cannot even be read. */
  readPush(request: PushRequest): SignedPush;
  /** Throws PushUnverifiedError unless the push is signed by `account`'s app and fresh at `now`. */
  verifyPush(push: SignedPush, account: AppAccount, now: Date): void;
  /** What a verified push means; throws ValidationError for business fields it cannot read. */
  interpretPush(push: SignedPush): Push;
  confirmOrder(app: PlatformApp, platformOrderId: string): Promise<CallOutcome>;
  /** Cancels an order we cannot fill; returns the platform reason code it was sent with. */
  rejectOrder(app: PlatformApp, platformOrderId: string, reason: RejectReason): Promise<{ reasonCode: number; outcome: CallOutcome }>;
  /** Reads the order back, after a call answered that it had moved on. */
  orderStatus(app: PlatformApp, platformOrderId: string): Promise<PlatformStatus>;
  /** Sets absolute stock levels of one store; throws PlatformThrottledError when throttled. */
  pushStock(app: PlatformApp, storeCode: string, items: readonly StockItem[]): Promise<StockOutcome>;
}

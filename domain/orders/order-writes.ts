// The transaction items every order change is made of: the order itself (conditioned on the
// version it was read at), its number claim, and its events through the outbox. Nothing here
// decides anything; the use cases do, and commit these alongside their stock postings.
import { outboxItem, outboxItemOf } from '../shared/events/outbox-event.ts';
import type { TxEntities, TxWrite } from '../inventory/ledger/ledger.ts';
import type { OrderItem } from './order-entity.ts';
import { ORDER_NUMBER_RETENTION_SECONDS } from './order-number-entity.ts';
import { OrderChangedError } from './errors.ts';

export const ORDER_EVENTS = {
  created: 'order.created',
  paid: 'order.paid',
  cancelled: 'order.cancelled',
  expired: 'order.expired',
  completed: 'order.completed',
  refunded: 'order.refunded',
} as const;
export type OrderEvent = (typeof ORDER_EVENTS)[keyof typeof ORDER_EVENTS];

/** What every order event says: enough for a consumer to act without reading the order back. */
const orderPayload = (o: OrderItem, more: Record<string, unknown> = {}) => ({
  orderId: o.orderId,
  storeId: o.storeId,
  channel: o.channel,
  number: o.number,
  status: o.status,
  total: o.total,
  paidAmount: o.paidAmount,
  refundedAmount: o.refundedAmount,
  ...more,
});

export const orderEvent = (e: TxEntities, o: OrderItem, type: OrderEvent, at: Date, more: Record<string, unknown> = {}): TxWrite =>
  e.outboxEvent.create(outboxItem(o.tenantId, type, orderPayload(o, more), at)).commit();

/** Several events of one change of the order, in order, as one outbox item (one write). */
export const orderEvents = (e: TxEntities, o: OrderItem, events: readonly OrderEventOf[], at: Date): TxWrite =>
  e.outboxEvent.create(outboxItemOf(o.tenantId, events.map(({ type, more }) => ({ type, payload: orderPayload(o, more) })), at)).commit();

export type OrderEventOf = { type: OrderEvent; more?: Record<string, unknown> };

/** The item of a new order; a retry under the same (derived) id finds it there and replays. */
export const orderCreate = (e: TxEntities, o: OrderItem): TxWrite => e.order.create(o).commit();

const MUTABLE = ['status', 'lines', 'paidAmount', 'processingAmount', 'refundedAmount', 'paidAt', 'completedAt', 'cancelledAt', 'cancelReason'] as const;
type OrderChange = Partial<Pick<OrderItem, (typeof MUTABLE)[number]>>;

/** Moves `o` (as it was read) to `after` (its changed fields, or the whole order as it becomes); fails if anyone changed it since. */
export const orderPatch = (e: TxEntities, o: OrderItem, after: OrderChange): TxWrite => {
  const changed: OrderChange = {};
  for (const key of MUTABLE) if (after[key] !== undefined) Object.assign(changed, { [key]: after[key] });
  const patch = e.order.patch({ tenantId: o.tenantId, orderId: o.orderId }).set({ ...changed, version: o.version + 1 });
  // An order that is no longer pending has no deadline: the hold ended with its status.
  const settled = changed.status && changed.status !== 'pending_payment' && o.expiresAt;
  return (settled ? patch.remove(['expiresAt']) : patch).where((a, { eq }) => eq(a.version, o.version)).commit();
};

/** Claims the order's number at its store and business day: fails if another order holds it. */
export const numberClaim = (e: TxEntities, o: Pick<OrderItem, 'tenantId' | 'storeId' | 'businessDay' | 'number' | 'orderId'>, at: Date): TxWrite =>
  e.orderNumber
    .create({ tenantId: o.tenantId, storeId: o.storeId, businessDay: o.businessDay, number: o.number, orderId: o.orderId, expiresAt: Math.floor(at.getTime() / 1000) + ORDER_NUMBER_RETENTION_SECONDS })
    .commit();

/** A cancellation of the order's own items means someone else moved it on first: read and try again. */
export const orderRefused = (orderId: string) => (codes: readonly string[]): Error | undefined => (codes.includes('ConditionalCheckFailed') ? new OrderChangedError(orderId) : undefined);

// A paid order pushed by a platform (docs/delivery-platforms.md §5). Its first delivery opens
// the record and decides, and the decision is written down before the platform is told: either
// our `delivery` order is placed through the orders pipeline (the same priced lines and stock hold,
// safety stock kept back), confirmed and paid by the platform's tender, or it cannot be filled (a SKU short or unknown, the store
// closed or unknown), nothing of it is written, and it is rejected with the platform's reason code.
// A redelivery of a push already answered does nothing; one that finds the decision written but
// the call unmade (the platform failed, or we did) makes the call, so each order is placed once,
// under the id its record fixed, and answered once.
import { InsufficientStockError } from '../../inventory/errors.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { StoreClosedError } from '../../orders/errors.ts';
import { placeOrder } from '../../orders/place-order.ts';
import { cancelOrder } from '../../orders/cancel-order.ts';
import { recordPlatformPayment } from '../../payments/payments.ts';
import { NewOrder } from '../../orders/schemas.ts';
import type { PlatformOrder, RejectReason } from '../adapter.ts';
import type { ChannelOrderItem } from '../entities/channel-order-entity.ts';
import { moveChannelOrder, openChannelOrder, readChannelOrder, SETTLED } from './channel-orders.ts';
import { mapOrder } from './line-mapping.ts';
import type { PushContext, PushOutcome } from './push-context.ts';

type Decision = { state: 'confirming' } | { state: 'rejecting'; rejection: RejectReason; why: string };

const REFUSALS: readonly [new (...args: never[]) => Error, RejectReason][] = [
  [InsufficientStockError, 'sold_out'],
  // An unknown or archived SKU (the orders pipeline's 400 at the line): sold out, to the platform.
  [ValidationError, 'sold_out'],
  [StoreClosedError, 'store_closed'],
  [NotFoundError, 'unknown_store'],
];

const decide = async (p: PushContext, record: ChannelOrderItem, order: PlatformOrder): Promise<Decision> => {
  const mapped = await mapOrder({ tenantId: p.ctx.tenantId, channel: p.channel, channels: p.channels }, order);
  if ('reject' in mapped) return { state: 'rejecting', rejection: mapped.reject, why: mapped.why };
  const address = order.address?.slice(0, 300) ?? `${p.channel} order ${order.displayId ?? order.platformOrderId}`;
  const request = NewOrder.safeParse({ storeId: mapped.storeId, channel: 'delivery', lines: mapped.lines, fulfilment: { type: 'delivery', address }, externalRef: `${p.channel}:${order.platformOrderId}` });
  if (!request.success) return { state: 'rejecting', rejection: 'unfillable', why: request.error.issues.map((i) => i.message).join('; ') };
  try {
    await placeOrder(p.ctx, request.data, record.orderId, p.orders);
    return { state: 'confirming' };
  } catch (error) {
    const refusal = REFUSALS.find(([type]) => error instanceof type);
    if (!refusal) throw error;
    return { state: 'rejecting', rejection: refusal[1], why: (error as Error).message };
  }
};

/** Tells the platform what was decided, and records that it was told. */
const answer = async (p: PushContext, record: ChannelOrderItem): Promise<PushOutcome> => {
  const now = () => p.clock.now();
  const base = { kind: 'order', platformOrderId: record.platformOrderId, orderId: record.orderId };
  if (record.state === 'rejecting') {
    const { reasonCode } = await p.adapter.rejectOrder(p.app, record.platformOrderId, record.rejection ?? 'unfillable');
    await moveChannelOrder(record, { state: 'rejected', reasonCode }, now(), p.channels);
    return { ...base, outcome: 'rejected', reasonCode, orderId: undefined };
  }
  // Confirmed, the platform's payment is ours: the order is paid before the record says
  // confirmed, so a crash between the two is healed by the next delivery, which pays once.
  const paid = () => recordPlatformPayment(p.ctx, record.orderId, p.channel, record.platformOrderId, p.orders);
  if ((await p.adapter.confirmOrder(p.app, record.platformOrderId)) === 'done') {
    await paid();
    await moveChannelOrder(record, { state: 'confirmed', platformStatus: Math.max(record.platformStatus, 4) }, now(), p.channels);
    return { ...base, outcome: 'confirmed' };
  }
  // It moved on while we decided (cancelled by the customer, say): read where it is, act on that.
  const status = await p.adapter.orderStatus(p.app, record.platformOrderId);
  if (status.stage === 'cancelled') {
    await cancelOrder(p.ctx, record.orderId, { reason: `cancelled on ${p.channel} before we confirmed` }, p.orders);
    await moveChannelOrder(record, { state: 'cancelled', platformStatus: status.rank }, now(), p.channels);
    return { ...base, outcome: 'cancelled before confirmation' };
  }
  await paid();
  await moveChannelOrder(record, { state: 'confirmed', platformStatus: Math.max(record.platformStatus, status.rank) }, now(), p.channels);
  return { ...base, outcome: 'confirmed already' };
};

/**
 * Another push of the order moved its record while we decided: a concurrent delivery of the same
 * push (which answers), or the platform's cancel, which found no order yet; ours, placed since,
 * must then not hold its stock.
 */
const lostRace = async (p: PushContext, key: Parameters<typeof readChannelOrder>[0], decision: Decision): Promise<PushOutcome> => {
  const record = await readChannelOrder(key, p.channels);
  if (record?.state === 'cancelled' && decision.state === 'confirming') await cancelOrder(p.ctx, record.orderId, { reason: `cancelled on ${p.channel} before we confirmed` }, p.orders);
  return { kind: 'order', platformOrderId: key.platformOrderId, outcome: `decided by a concurrent push (${record?.state ?? 'gone'})` };
};

export const receiveOrder = async (p: PushContext, order: PlatformOrder): Promise<PushOutcome> => {
  const key = { tenantId: p.ctx.tenantId, channel: p.channel, platformOrderId: order.platformOrderId };
  let record = await openChannelOrder(key, order.status.rank, p.clock.now(), p.channels);
  if (SETTLED.includes(record.state)) return { kind: 'order', platformOrderId: order.platformOrderId, outcome: `already ${record.state}` };
  if (record.state === 'received') {
    const decision = await decide(p, record, order);
    const moved = await moveChannelOrder(record, decision.state === 'rejecting' ? { state: 'rejecting', rejection: decision.rejection } : { state: 'confirming' }, p.clock.now(), p.channels);
    if (!moved) return lostRace(p, key, decision);
    record = moved;
  }
  return answer(p, record);
};

// A platform telling us its order moved (docs/delivery-platforms.md §6): cancelled (by the
// customer, customer service or the platform), refunded, confirmed, delivering or completed.
// Applied at most once per push key, and only forward: a status behind what we already know is
// acknowledged and ignored, except a cancellation, which always applies. A cancellation, or a
// whole refund the platform agreed, cancels our order through the orders pipeline, which gives its
// hold back (or restocks and refunds a paid one); once handed over, the goods come back only as a
// return, so the order is kept. Completion is recorded: our order, paid by the platform's tender
// when we confirmed it, completes through its own fulfilment task.
import { NotFoundError } from '../../shared/errors.ts';
import { retryOptimistically, RETRY } from '../../shared/optimistic-retry.ts';
import { cancelOrder } from '../../orders/cancel-order.ts';
import { FulfilmentStateError } from '../../fulfilment/fulfilment-state.ts';
import { ChannelOrderBusyError } from '../errors.ts';
import type { Push } from '../adapter.ts';
import type { ChannelOrderItem } from '../entities/channel-order-entity.ts';
import { moveChannelOrder, readChannelOrder } from './channel-orders.ts';
import type { PushContext, PushOutcome } from './push-context.ts';

type StatusPush = Extract<Push, { kind: 'progress' | 'cancelled' | 'refund' }>;

/** Cancels our order unless there is none (never placed) or it has left the store. */
const cancelOurs = async (p: PushContext, record: ChannelOrderItem, reason: string): Promise<string> => {
  // We rejected it ourselves: the platform's cancel is the echo of ours.
  if (record.state === 'rejecting' || record.state === 'rejected') return 'rejected by us';
  try {
    await cancelOrder(p.ctx, record.orderId, { reason: reason.slice(0, 300) }, p.orders);
    return 'cancelled';
  } catch (error) {
    if (error instanceof NotFoundError) return 'no order of ours';
    if (error instanceof FulfilmentStateError) return 'handed over: kept, a return is needed';
    throw error;
  }
};

const apply = async (p: PushContext, record: ChannelOrderItem, push: StatusPush): Promise<{ outcome: string; moved: ChannelOrderItem | undefined }> => {
  const now = p.clock.now();
  if (push.kind === 'progress') {
    if (push.status.rank <= record.platformStatus) return { outcome: 'stale', moved: record };
    return { outcome: `recorded ${push.status.stage}`, moved: await moveChannelOrder(record, { platformStatus: push.status.rank, handledKey: push.key }, now, p.channels) };
  }
  if (push.kind === 'refund' && !(push.agreed && push.full)) return { outcome: 'recorded refund step', moved: await moveChannelOrder(record, { handledKey: push.key }, now, p.channels) };
  const outcome = await cancelOurs(p, record, push.reason);
  const state = record.state === 'rejecting' || record.state === 'rejected' ? record.state : 'cancelled';
  return { outcome, moved: await moveChannelOrder(record, { state, platformStatus: 9, handledKey: push.key }, now, p.channels) };
};

export const applyStatus = async (p: PushContext, push: StatusPush): Promise<PushOutcome> => {
  const key = { tenantId: p.ctx.tenantId, channel: p.channel, platformOrderId: push.platformOrderId };
  const base = { kind: push.kind, platformOrderId: push.platformOrderId };
  return retryOptimistically(4, () => new ChannelOrderBusyError(), async () => {
    const record = await readChannelOrder(key, p.channels);
    // We never took the order (or it never reached us): nothing of ours to move.
    if (!record) return { ...base, outcome: 'unknown order' };
    if (record.handled?.includes(push.key)) return { ...base, outcome: 'already applied', orderId: record.orderId };
    const { outcome, moved } = await apply(p, record, push);
    return moved ? { ...base, outcome, orderId: record.orderId } : RETRY;
  });
};

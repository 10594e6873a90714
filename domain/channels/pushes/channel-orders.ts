// The record of a platform order (entities/channel-order-entity.ts): opened by its first push,
// moved on only from the state and version it was read at, so two deliveries of the same push
// racing each other cannot both act.
import { isConditionalCheckFailed } from '../../shared/dynamo.ts';
import { derivedId } from '../../shared/ids.ts';
import type { ChannelOrderItem, ChannelOrderState } from '../entities/channel-order-entity.ts';
import type { ChannelService } from '../channel-service.ts';
import type { ChannelPlatform } from '../platforms.ts';

type Key = { tenantId: string; channel: ChannelPlatform; platformOrderId: string };

/** States after which a push of the order has nothing left to do. */
export const SETTLED: readonly ChannelOrderState[] = ['confirmed', 'rejected', 'cancelled'];

export const readChannelOrder = async (key: Key, channels: ChannelService): Promise<ChannelOrderItem | undefined> =>
  (await channels.entities.channelOrder.get(key).go({ consistent: true })).data ?? undefined;

/** The order's record, made now if this is its first push; our order id is fixed here, once. */
export const openChannelOrder = async (key: Key, platformStatus: number, now: Date, channels: ChannelService): Promise<ChannelOrderItem> => {
  const known = await readChannelOrder(key, channels);
  if (known) return known;
  const at = now.toISOString();
  const record: ChannelOrderItem = {
    ...key,
    orderId: derivedId('order', now.getTime(), `${key.tenantId}#${key.channel}#${key.platformOrderId}`),
    state: 'received',
    platformStatus,
    receivedAt: at,
    updatedAt: at,
    version: 0,
  };
  try {
    await channels.entities.channelOrder.create(record).go({ response: 'none' });
    return record;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return (await readChannelOrder(key, channels))!;
  }
};

type Change = Partial<Pick<ChannelOrderItem, 'state' | 'reasonCode' | 'rejection' | 'platformStatus'>> & { handledKey?: string };

/** The record after `change`, or undefined when someone else moved it first (read it again). */
export const moveChannelOrder = async (record: ChannelOrderItem, change: Change, now: Date, channels: ChannelService): Promise<ChannelOrderItem | undefined> => {
  const { handledKey, ...fields } = change;
  const next: ChannelOrderItem = {
    ...record,
    ...fields,
    ...(handledKey ? { handled: [...new Set([...(record.handled ?? []), handledKey])] } : {}),
    updatedAt: now.toISOString(),
    version: record.version + 1,
  };
  const { tenantId, channel, platformOrderId } = record;
  try {
    const update = channels.entities.channelOrder.patch({ tenantId, channel, platformOrderId }).set({ ...fields, updatedAt: next.updatedAt, version: next.version });
    await (handledKey ? update.add({ handled: [handledKey] }) : update).where((a, { eq }) => eq(a.version, record.version)).go({ response: 'none' });
    return next;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return undefined;
    throw error;
  }
};

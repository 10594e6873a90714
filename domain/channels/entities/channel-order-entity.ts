// One platform order as we handled it: the idempotency record of its pushes. Keyed by the
// platform's order id kept as a string (Meituan's ids pass 2^53, so a number would lose digits).
// Its state says how far our answer got, so a repeated push resumes or replays instead of acting
// twice; `handled` holds the status pushes already applied, keyed (push type, status/refund).
//
//   received --> confirming --> confirmed
//       \------> rejecting ---> rejected        (and from any of them: cancelled, by the platform)
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';
import { CHANNEL_PLATFORMS } from '../platforms.ts';
import { REJECT_REASONS } from '../adapter.ts';

export const CHANNEL_ORDER_STATES = ['received', 'confirming', 'confirmed', 'rejecting', 'rejected', 'cancelled'] as const;
export type ChannelOrderState = (typeof CHANNEL_ORDER_STATES)[number];

export const createChannelOrderEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'channelOrder', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        channel: { type: CHANNEL_PLATFORMS, required: true, readOnly: true },
        platformOrderId: { type: 'string', required: true, readOnly: true },
        /** Our order's id, derived when the push first arrived, so every retry places the same order. */
        orderId: { type: 'string', required: true, readOnly: true },
        state: { type: CHANNEL_ORDER_STATES, required: true },
        /** The platform reason code we cancelled with (rejecting, rejected). */
        reasonCode: { type: 'number' },
        /** Why we could not fill it, decided before the platform is told (rejecting, rejected). */
        rejection: { type: REJECT_REASONS },
        /** The furthest order status the platform has told us (Meituan's 1..9). */
        platformStatus: { type: 'number', required: true },
        handled: { type: 'set', items: 'string' },
        receivedAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        version: { type: 'number', required: true },
      },
      indexes: {
        byPlatformOrder: {
          pk: { field: 'pk', composite: ['tenantId', 'channel', 'platformOrderId'], template: '${tenantId}#channelorder#${channel}#${platformOrderId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'order', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ChannelOrderItem = EntityItem<ReturnType<typeof createChannelOrderEntity>>;

// What we last told a platform about one listed store's stock, and when: `lastCallAt` spaces the
// store's stock calls (the platform's per-store limit) and `lastSent` (SKU id -> units) lets a
// redelivered or unchanged level send nothing, so only values the platform has not seen go out.
// `pending` holds SKUs a failed or throttled call did not get out: the store's next sync sends
// them with whatever else is due (re-coalesced), even if the stream gives up on their changes.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';
import { CHANNEL_PLATFORMS } from '../platforms.ts';

export const createChannelStockSyncEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'channelStockSync', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        channel: { type: CHANNEL_PLATFORMS, required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        /** Epoch ms of the last stock call for the store (0: never). */
        lastCallAt: { type: 'number', required: true },
        lastSent: { type: 'any' },
        pending: { type: 'set', items: 'string' },
      },
      indexes: {
        byStore: {
          pk: { field: 'pk', composite: ['tenantId', 'channel'], template: '${tenantId}#channelsync#${channel}', casing: 'none' },
          sk: { field: 'sk', composite: ['storeId'], template: 'store#${storeId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ChannelStockSyncItem = EntityItem<ReturnType<typeof createChannelStockSyncEntity>>;

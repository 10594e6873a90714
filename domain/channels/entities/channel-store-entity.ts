// A store the chain has opened on a platform (bound there under its store code). Stock is pushed
// for listed stores only; one partition per tenant and platform lists them in one Query.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';
import { CHANNEL_PLATFORMS } from '../platforms.ts';

export const createChannelStoreEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'channelStore', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        channel: { type: CHANNEL_PLATFORMS, required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        /** What the platform calls the store (Meituan's app_poi_code): our store code. */
        storeCode: { type: 'string', required: true, readOnly: true },
        listedAt: { type: 'string', required: true },
      },
      indexes: {
        byChannel: {
          pk: { field: 'pk', composite: ['tenantId', 'channel'], template: '${tenantId}#channelstores#${channel}', casing: 'none' },
          sk: { field: 'sk', composite: ['storeId'], template: '${storeId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ChannelStoreItem = EntityItem<ReturnType<typeof createChannelStoreEntity>>;

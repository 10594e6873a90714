// A SKU the chain sells on a platform: the channel item link. The platform knows it by our SKU
// code (Meituan's sku_id) under the product code we uploaded (app_spu_code / app_food_code), so a
// push line is mapped by code, and by SPU code through gsi1 when it names only the product.
// `brokenAt` marks a link the platform said it does not know (805/1015): stock is no longer pushed
// for it until HQ lists it again.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';
import { CHANNEL_PLATFORMS } from '../platforms.ts';

export const createChannelSkuEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'channelSku', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        channel: { type: CHANNEL_PLATFORMS, required: true, readOnly: true },
        skuId: { type: 'string', required: true, readOnly: true },
        skuCode: { type: 'string', required: true, readOnly: true },
        spuCode: { type: 'string', required: true },
        listedAt: { type: 'string', required: true },
        brokenAt: { type: 'string' },
        brokenCode: { type: 'number' },
      },
      indexes: {
        byChannel: {
          pk: { field: 'pk', composite: ['tenantId', 'channel'], template: '${tenantId}#channelskus#${channel}', casing: 'none' },
          sk: { field: 'sk', composite: ['skuId'], template: '${skuId}', casing: 'none' },
        },
        bySpu: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'channel', 'spuCode'], template: '${tenantId}#channelspu#${channel}#${spuCode}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['skuId'], template: '${skuId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ChannelSkuItem = EntityItem<ReturnType<typeof createChannelSkuEntity>>;

// A flash-sale pool: HQ set aside `units` of one SKU at one location for one channel, split
// across `shards` shard items (stock-shard-entity.ts), so that holds of a SKU hotter than one
// partition's write limit spread over many partitions. One marker per (location, SKU, channel):
// a hold reads it to learn whether the SKU is pooled (its key is per SKU, so a hot SKU's reads
// do not land on its location's partition); HQ lists a location's pools on gsi1. A closed pool's
// marker stays until the next pool of the same SKU and channel replaces it.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';
import { CHANNELS } from '../../shared/channels.ts';

/** open: holds draw from its shards; closing: its shards are being emptied back to the level; closed: done. */
export const POOL_STATUSES = ['open', 'closing', 'closed'] as const;
export type PoolStatus = (typeof POOL_STATUSES)[number];

export const createStockPoolEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'stockPool', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        locationId: { type: 'string', required: true, readOnly: true },
        skuId: { type: 'string', required: true, readOnly: true },
        channel: { type: CHANNELS, required: true, readOnly: true },
        /** The posting that opened the pool (pst_...): it names the pool and its shard items. */
        poolId: { type: 'string', required: true },
        units: { type: 'number', required: true },
        shards: { type: 'number', required: true },
        status: { type: POOL_STATUSES, required: true },
        openedAt: { type: 'string', required: true },
        openedBy: { type: 'string' },
        closedAt: { type: 'string' },
        closedBy: { type: 'string' },
        /** Units the close gave back to the level's free stock. */
        returned: { type: 'number' },
      },
      indexes: {
        bySku: {
          pk: { field: 'pk', composite: ['tenantId', 'locationId', 'skuId'], template: '${tenantId}#stockPool#${locationId}#${skuId}', casing: 'none' },
          sk: { field: 'sk', composite: ['channel'], template: '${channel}', casing: 'none' },
        },
        byLocation: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'locationId'], template: '${tenantId}#stockPools#${locationId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['skuId', 'channel'], template: '${skuId}#${channel}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type StockPoolEntity = ReturnType<typeof createStockPoolEntity>;
export type StockPoolItem = EntityItem<StockPoolEntity>;

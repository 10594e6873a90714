// What a batch of table changes means for the stock platforms see: which (store, SKU) levels to
// tell them again. A level, a flash-sale shard or a SKU's safety stock changing names one SKU at a
// store; a store's default safety stock, or the store being listed, names every listed SKU there
// (`*`); a SKU being listed names it at every listed store. Warehouses sell on no platform and are left out.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids.ts';
import { DEFAULT_POLICY_SCOPE } from '../../inventory/ledger/stock-policy-entity.ts';
import { CHANNEL_PLATFORMS, type ChannelPlatform } from '../platforms.ts';

export const ALL = '*';

/** `channel` is set when the change concerns one platform's listing only. */
export type StockChange = { index: number; tenantId: string; storeId: string; skuId: string; channel?: ChannelPlatform };

const Level = z.object({ __edb_e__: z.literal('stockLevel'), tenantId: z.string(), locationId: z.string(), skuId: z.string() });
// A flash-sale pool's shard: a hold taken from it changes what the platform may sell, not the level.
const Shard = z.object({ __edb_e__: z.literal('stockShard'), tenantId: z.string(), locationId: z.string(), skuId: z.string() });
const Policy = z.object({ __edb_e__: z.literal('stockPolicy'), tenantId: z.string(), locationId: z.string(), scope: z.string() });
const ListedSku = z.object({ __edb_e__: z.literal('channelSku'), tenantId: z.string(), channel: z.enum(CHANNEL_PLATFORMS), skuId: z.string() });
const ListedStore = z.object({ __edb_e__: z.literal('channelStore'), tenantId: z.string(), channel: z.enum(CHANNEL_PLATFORMS), storeId: z.string() });
const Image = z.discriminatedUnion('__edb_e__', [Level, Shard, Policy, ListedSku, ListedStore]);

const isStore = (locationId: string) => locationId.startsWith(`${ID_PREFIXES.store}_`);

const changeOf = (image: z.infer<typeof Image>, index: number): StockChange | undefined => {
  switch (image.__edb_e__) {
    case 'stockLevel':
    case 'stockShard':
      return isStore(image.locationId) ? { index, tenantId: image.tenantId, storeId: image.locationId, skuId: image.skuId } : undefined;
    case 'stockPolicy':
      return isStore(image.locationId) ? { index, tenantId: image.tenantId, storeId: image.locationId, skuId: image.scope === DEFAULT_POLICY_SCOPE ? ALL : image.scope } : undefined;
    case 'channelSku':
      return { index, tenantId: image.tenantId, storeId: ALL, skuId: image.skuId, channel: image.channel };
    case 'channelStore':
      return { index, tenantId: image.tenantId, storeId: image.storeId, skuId: ALL, channel: image.channel };
  }
};

/** The changes of the records the trigger's filter let through, each with its record's position. */
export const stockChanges = (records: readonly DynamoDBRecord[]): StockChange[] =>
  records.flatMap((record, index) => {
    const image = Image.safeParse(unmarshall((record.dynamodb?.NewImage ?? {}) as Record<string, AttributeValue>));
    const change = image.success ? changeOf(image.data, index) : undefined;
    return change ? [change] : [];
  });

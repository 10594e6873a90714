// One shard of a flash-sale pool: some of the pool's units, in an item of its own partition
// (`<tenant>#stockShard#<poolId>#<n>`), so k shards take k times one partition's write limit. A
// hold takes units from a shard on the condition `units >= q AND status = open` on that item
// alone, not on the level; a released or expired hold gives them back on `status = open`. The
// pool's units count in the level's `reserved` for as long as they sit in a shard or in a hold
// drawn from one, which is how stock:verify balances (domain/inventory/ledger/stock-audit.ts).
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';

export const SHARD_STATUSES = ['open', 'closed'] as const;

export const createStockShardEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'stockShard', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        poolId: { type: 'string', required: true, readOnly: true },
        shard: { type: 'number', required: true, readOnly: true },
        // Where the units are counted as reserved: read by stock:verify.
        locationId: { type: 'string', required: true, readOnly: true },
        skuId: { type: 'string', required: true, readOnly: true },
        units: { type: 'number', required: true },
        status: { type: SHARD_STATUSES, required: true },
        /** Set by the pool's close: the units it gave back from this shard to the level. */
        returned: { type: 'number' },
      },
      indexes: {
        byShard: {
          pk: { field: 'pk', composite: ['tenantId', 'poolId', 'shard'], template: '${tenantId}#stockShard#${poolId}#${shard}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'shard', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type StockShardEntity = ReturnType<typeof createStockShardEntity>;
export type StockShardItem = EntityItem<StockShardEntity>;

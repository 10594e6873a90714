// The entities flash-sale pools add to the stock service, so a pool's opening and close, and a
// hold's draw from a shard, commit in the same transaction as the ledger posting they go with.
import type { DocumentClient } from '../../shared/data-scope.ts';
import { createStockPoolEntity } from './stock-pool-entity.ts';
import { createStockShardEntity } from './stock-shard-entity.ts';

export const createShardEntities = (table: string, client: DocumentClient) => ({
  stockPool: createStockPoolEntity(table, client),
  stockShard: createStockShardEntity(table, client),
});

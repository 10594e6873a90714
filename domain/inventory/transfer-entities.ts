// The entities transfers, stocktakes and replenishment add to the stock service, so each commits
// in the same transaction as the ledger posting it explains (postStock's `extra` items).
import type { DocumentClient } from '../shared/data-scope.ts';
import { createAssortmentEntity } from '../catalog/assortment-entity.ts';
import { createTransferEntity } from './transfers/transfer-entity.ts';
import { createTransferEntryEntity } from './transfers/transfer-entry-entity.ts';
import { createStocktakeEntity } from './stocktakes/stocktake-entity.ts';
import { createStocktakeLockEntity } from './stocktakes/stocktake-lock-entity.ts';
import { createReplenishmentOrderEntity } from './replenishment/replenishment-order-entity.ts';
import { createReplenishmentLevelEntity } from './replenishment/replenishment-level-entity.ts';

export const createTransferEntities = (table: string, client: DocumentClient) => ({
  transfer: createTransferEntity(table, client),
  transferEntry: createTransferEntryEntity(table, client),
  stocktake: createStocktakeEntity(table, client),
  stocktakeLock: createStocktakeLockEntity(table, client),
  replenishmentOrder: createReplenishmentOrderEntity(table, client),
  replenishmentLevel: createReplenishmentLevelEntity(table, client),
  // Read by the suggestion: which SKUs a store sells.
  assortment: createAssortmentEntity(table, client),
});

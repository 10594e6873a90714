// The offline-sync entities, registered with the order entities (order-entities.ts) so a synced
// sale's mark and its count commit in the transaction that posts the sale.
import type { DocumentClient } from '../../shared/data-scope.ts';
import { createPosSaleMarkEntity } from './sale-mark-entity.ts';
import { createPosSyncStateEntity } from './sync-state-entity.ts';

export const createPosSyncEntities = (table: string, client: DocumentClient) => ({
  posSyncState: createPosSyncStateEntity(table, client),
  posSaleMark: createPosSaleMarkEntity(table, client),
});

// One line of the append-only ledger: `quantity` of a SKU moved into (+) or out of (-) a
// location. Recorded by the posting on its level (`lastMove`) and written from the level's stream
// record (movement-projection.ts), never changed or deleted. The sum of a (location, SKU)'s
// movements is its onHand once its last line has arrived; tools/stock-verify.ts checks exactly that.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';
import { MOVEMENT_TYPES } from './movement-types.ts';

export const createStockMovementEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'stockMovement', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        movementId: { type: 'string', required: true, readOnly: true },
        locationId: { type: 'string', required: true, readOnly: true },
        skuId: { type: 'string', required: true, readOnly: true },
        type: { type: MOVEMENT_TYPES, required: true, readOnly: true },
        quantity: { type: 'number', required: true, readOnly: true },
        occurredAt: { type: 'string', required: true, readOnly: true },
        /** The posting (one atomic call of the ledger) this line belongs to. */
        postingId: { type: 'string', required: true, readOnly: true },
        reference: { type: 'string', readOnly: true },
        actorId: { type: 'string', readOnly: true },
      },
      indexes: {
        // Movement ids are ULIDs, so each list is in time order.
        bySku: {
          pk: { field: 'pk', composite: ['tenantId', 'locationId', 'skuId'], template: '${tenantId}#ledger#${locationId}#${skuId}', casing: 'none' },
          sk: { field: 'sk', composite: ['movementId'], template: '${movementId}', casing: 'none' },
        },
        byLocation: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'locationId'], template: '${tenantId}#ledger#${locationId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['movementId'], template: '${movementId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type StockMovementEntity = ReturnType<typeof createStockMovementEntity>;
export type StockMovementItem = EntityItem<StockMovementEntity>;

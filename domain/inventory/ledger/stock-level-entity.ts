// What a location holds of one SKU: onHand, reserved and free (= onHand - reserved). Only the
// ledger (ledger.ts) writes it, with ADD in the same transaction as the movements and reservations
// that explain it, so it never drifts from them. `free` is stored because a DynamoDB condition
// cannot do arithmetic: "free >= :wanted" is how a transaction refuses to oversell. `low` records
// whether the last change left the SKU at or under its low-stock threshold, so stock.low is
// announced once per crossing rather than on every sale while low.
//
// `lastMove` is the ledger line of the last change that moved onHand, written in the same update:
// the level's stream record is how that line reaches the ledger (movement-projection.ts), so a
// posting's transaction writes one item per level and none per line (docs/stock-ledger.md).
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';
import { MOVEMENT_TYPES } from './movement-types.ts';

export const createStockLevelEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'stockLevel', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        locationId: { type: 'string', required: true, readOnly: true },
        skuId: { type: 'string', required: true, readOnly: true },
        // Created by the first ADD; every write adds to all three, so they exist together.
        onHand: { type: 'number' },
        reserved: { type: 'number' },
        free: { type: 'number' },
        low: { type: 'boolean' },
        updatedAt: { type: 'string' },
        lastMove: {
          type: 'map',
          properties: {
            movementId: { type: 'string', required: true },
            type: { type: MOVEMENT_TYPES, required: true },
            quantity: { type: 'number', required: true },
            occurredAt: { type: 'string', required: true },
            postingId: { type: 'string', required: true },
            reference: { type: 'string' },
            actorId: { type: 'string' },
          },
        },
      },
      indexes: {
        // One partition per location: GET /v1/stock?locationId= is one query.
        byLocation: {
          pk: { field: 'pk', composite: ['tenantId', 'locationId'], template: '${tenantId}#stock#${locationId}', casing: 'none' },
          sk: { field: 'sk', composite: ['skuId'], template: '${skuId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type StockLevelEntity = ReturnType<typeof createStockLevelEntity>;
export type StockLevelItem = EntityItem<StockLevelEntity>;

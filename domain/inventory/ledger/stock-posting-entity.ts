// A posting: one atomic call of the ledger, under an id its caller chooses. Created in the same
// transaction as its movements and level changes on the condition that it does not exist yet, so
// a retried request or a redelivered event posts nothing twice; a repeat finds it and gets the
// first result back. The fingerprint tells a true repeat from a different posting reusing the id.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';
import { MOVEMENT_TYPES } from './movement-types.ts';

export const createStockPostingEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'stockPosting', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        postingId: { type: 'string', required: true, readOnly: true },
        fingerprint: { type: 'string', required: true, readOnly: true },
        occurredAt: { type: 'string', required: true, readOnly: true },
        reference: { type: 'string', readOnly: true },
        actorId: { type: 'string', readOnly: true },
        /**
         * This posting's ledger lines, so a repeat answers without waiting for them to reach the
         * ledger (their movement items are written from the levels' stream records). Postings
         * made before the lines were kept here hold only the keys of their movement items.
         */
        movements: {
          type: 'list',
          readOnly: true,
          items: {
            type: 'map',
            properties: {
              movementId: { type: 'string', required: true },
              locationId: { type: 'string', required: true },
              skuId: { type: 'string', required: true },
              type: { type: MOVEMENT_TYPES },
              quantity: { type: 'number' },
            },
          },
        },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'postingId'], template: '${tenantId}#stockPosting#${postingId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'posting', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type StockPostingEntity = ReturnType<typeof createStockPostingEntity>;
export type StockPostingItem = EntityItem<StockPostingEntity>;

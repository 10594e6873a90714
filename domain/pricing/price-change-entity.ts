// One numbered price change, written in the change's transaction. Its stream INSERT is what the
// fan-out hears (functions/stream/publish-price-changes.ts): which stores to move to `sequence`
// is worked out there, from the scopes the change touched, however many stores that is.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

/** Kept while the stream and the fan-out queue can still redeliver it. */
export const PRICE_CHANGE_RETENTION_SECONDS = 7 * 24 * 3600;

export const createPriceChangeEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'priceChange', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        sequence: { type: 'number', required: true, readOnly: true },
        priceListId: { type: 'string', required: true, readOnly: true },
        listVersion: { type: 'number', required: true, readOnly: true },
        change: { type: 'string', required: true, readOnly: true },
        /** The scopes whose stores' prices may differ after the change (before and after, for a move). */
        scopes: { type: 'any', required: true, readOnly: true },
        occurredAt: { type: 'string', required: true, readOnly: true },
        expiresAt: { type: 'number', required: true, readOnly: true },
      },
      indexes: {
        bySequence: {
          pk: { field: 'pk', composite: ['tenantId', 'sequence'], template: '${tenantId}#pricechange#${sequence}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'pricechange', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type PriceChangeItem = EntityItem<ReturnType<typeof createPriceChangeEntity>>;

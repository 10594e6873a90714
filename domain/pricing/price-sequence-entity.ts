// The tenant's price sequence: every price change moves `sequence` from n to n+1 in its own
// transaction (conditioned on n), so changes are numbered without gaps or repeats and serialised
// per chain. `delivered` is a second item, moved by the fan-out once a change has reached every
// store it affects, so the consumer never contends with a change's transaction.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const PRICE_SEQUENCE_KEYS = ['sequence', 'delivered'] as const;

export const createPriceSequenceEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'priceSequence', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        key: { type: PRICE_SEQUENCE_KEYS, required: true, readOnly: true },
        value: { type: 'number', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byKey: {
          pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#prices', casing: 'none' },
          sk: { field: 'sk', composite: ['key'], template: '${key}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

// How many stores a chain has: the tier's store quota is a condition on this counter in every
// transaction that adds or removes a store (domain/stores/store-quota.ts), as terminals do.
import { Entity, type TransactWriteEntity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createStoreCountEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'storeCount', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        count: { type: 'number', required: true },
      },
      indexes: {
        byTenant: {
          pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#store-count', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'store-count', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type StoreCountEntity = ReturnType<typeof createStoreCountEntity>;

/** The counter as a transaction's write callback receives it. */
export type StoreCountInTransaction = StoreCountEntity extends Entity<infer A, infer F, infer C, infer S> ? TransactWriteEntity<A, F, C, S> : never;

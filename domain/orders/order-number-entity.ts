// The last order number a store gave out on a business day. An order's transaction moves it from
// n - 1 to n on that condition, so numbers are unique per store and day without a lock, and a
// refused order takes none (a concurrent order that took the same n makes this one read again).
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

/** Counters outlive their day long enough for a late sync; a new day starts a new counter. */
export const ORDER_NUMBER_RETENTION_SECONDS = 40 * 24 * 3600;

export const createOrderNumberEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'orderNumber', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        businessDay: { type: 'string', required: true, readOnly: true },
        last: { type: 'number', required: true },
        expiresAt: { type: 'number', required: true },
      },
      indexes: {
        byStoreDay: {
          pk: { field: 'pk', composite: ['tenantId', 'storeId', 'businessDay'], template: '${tenantId}#ordernumber#${storeId}#${businessDay}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'ordernumber', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type OrderNumberEntity = ReturnType<typeof createOrderNumberEntity>;

// A store's price version: the sequence number of the latest price change that affected it, moved
// forward only by the fan-out, and the version its terminals last acknowledged running. HQ reads
// the gap between the two to see which stores still sell at old prices.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createStorePriceVersionEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'storePriceVersion', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        version: { type: 'number' },
        changedAt: { type: 'string' },
        /** The list whose change set `version`. */
        priceListId: { type: 'string' },
        acknowledgedVersion: { type: 'number' },
        acknowledgedAt: { type: 'string' },
      },
      indexes: {
        byStore: {
          // Beside the store item in its partition: the store and its price version are one read apart.
          pk: { field: 'pk', composite: ['tenantId', 'storeId'], template: '${tenantId}#store#${storeId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'priceversion', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type StorePriceVersionItem = EntityItem<ReturnType<typeof createStorePriceVersionEntity>>;

// One SKU a store sells. A store's assortment is one partition, read a page at a time.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createAssortmentEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'assortment', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        skuId: { type: 'string', required: true, readOnly: true },
        addedAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byStore: {
          pk: { field: 'pk', composite: ['tenantId', 'storeId'], template: '${tenantId}#assortment#${storeId}', casing: 'none' },
          sk: { field: 'sk', composite: ['skuId'], template: '${skuId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

// Store code -> store id: keeps codes unique within a tenant (a GSI cannot enforce uniqueness).
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createStoreCodeEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'storeCode', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        code: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byCode: {
          pk: { field: 'pk', composite: ['tenantId', 'code'], template: '${tenantId}#storecode#${code}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'storecode', casing: 'none' },
        },
      },
    },
    { table, client },
  );

// Warehouse code -> warehouse id: keeps codes unique within a tenant.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createWarehouseCodeEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'warehouseCode', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        code: { type: 'string', required: true, readOnly: true },
        warehouseId: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byCode: {
          pk: { field: 'pk', composite: ['tenantId', 'code'], template: '${tenantId}#whscode#${code}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'whscode', casing: 'none' },
        },
      },
    },
    { table, client },
  );

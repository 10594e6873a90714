// A warehouse (distribution centre) of the chain: with stores, one of the locations stock is held at.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const WAREHOUSE_STATUSES = ['active', 'closed'] as const;

export const createWarehouseEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'warehouse', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        warehouseId: { type: 'string', required: true, readOnly: true },
        code: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        regionId: { type: 'string', required: true },
        status: { type: WAREHOUSE_STATUSES, required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'warehouseId'], template: '${tenantId}#warehouse#${warehouseId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'warehouse', casing: 'none' },
        },
        byCode: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId'], template: '${tenantId}#warehouses', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['code'], template: '${code}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type WarehouseEntity = ReturnType<typeof createWarehouseEntity>;
export type WarehouseItem = EntityItem<WarehouseEntity>;

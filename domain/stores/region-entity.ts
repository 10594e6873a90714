// A region groups a chain's stores (and later its warehouses and price lists).
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createRegionEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'region', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        regionId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'regionId'], template: '${tenantId}#region#${regionId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'region', casing: 'none' },
        },
        byTenant: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId'], template: '${tenantId}#regions', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['regionId'], template: '${regionId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type RegionEntity = ReturnType<typeof createRegionEntity>;
export type RegionItem = EntityItem<RegionEntity>;

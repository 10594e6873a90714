// A node of the tenant's category tree (饮料 > 碳酸饮料). Listed per tenant; the tree is small
// (hundreds of nodes), so clients get it whole and assemble it from parentId.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createCategoryEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'category', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        categoryId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true, readOnly: true },
        parentId: { type: 'string', readOnly: true },
        /** Ancestor ids from the root down, so a subtree is a prefix match without walking parents. */
        path: { type: 'list', required: true, readOnly: true, items: { type: 'string' } },
        createdAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'categoryId'], template: '${tenantId}#category#${categoryId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'category', casing: 'none' },
        },
        byTenant: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId'], template: '${tenantId}#categories', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['categoryId'], template: '${categoryId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type CategoryItem = EntityItem<ReturnType<typeof createCategoryEntity>>;

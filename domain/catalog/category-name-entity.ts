// (parent, lower-cased name) -> category: two siblings may not share a name, or an import naming
// one could not tell them apart.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createCategoryNameEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'categoryName', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        /** The parent's id, or `root`. */
        parentKey: { type: 'string', required: true, readOnly: true },
        nameKey: { type: 'string', required: true, readOnly: true },
        categoryId: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byName: {
          pk: { field: 'pk', composite: ['tenantId', 'parentKey', 'nameKey'], template: '${tenantId}#categoryname#${parentKey}#${nameKey}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'categoryname', casing: 'none' },
        },
      },
    },
    { table, client },
  );

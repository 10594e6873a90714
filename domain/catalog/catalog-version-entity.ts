// The tenant's catalog version: one counter item that every catalog change moves up by one in the
// same transaction as the change, so a terminal that holds version n has seen every change up to n.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createCatalogVersionEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'catalogVersion', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        version: { type: 'number', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byTenant: {
          pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#catalog', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'version', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type CatalogVersionEntity = ReturnType<typeof createCatalogVersionEntity>;

// Tenant id -> where its data lives. A platform item, read before any tenant item to route a
// verified tenant id to the shared table or its silo table; written once, at signup.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../domain/shared/data-scope.ts';
import { TENANT_TIERS } from '../../domain/shared/tiers.ts';

export const createTenantDirectoryEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'tenantDirectory', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        slug: { type: 'string', required: true, readOnly: true },
        tier: { type: TENANT_TIERS, required: true, readOnly: true },
      },
      indexes: {
        byTenant: {
          pk: { field: 'pk', composite: ['tenantId'], template: 'platform#tenant#${tenantId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'directory', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type TenantDirectoryEntity = ReturnType<typeof createTenantDirectoryEntity>;
export type TenantRoute = Pick<EntityItem<TenantDirectoryEntity>, 'tenantId' | 'slug' | 'tier'>;

// Slug -> tenant id. The one platform-level key that does not lead with a tenant id: it is read
// before anyone is signed in (signup uniqueness, login by slug) and only by platform functions.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../../domain/shared/data-scope.ts';

export const createTenantSlugEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'tenantSlug', version: '1', service: 'storefleet' },
      attributes: {
        slug: { type: 'string', required: true, readOnly: true },
        tenantId: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        bySlug: {
          pk: { field: 'pk', composite: ['slug'], template: 'platform#slug#${slug}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'slug', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type TenantSlugEntity = ReturnType<typeof createTenantSlugEntity>;

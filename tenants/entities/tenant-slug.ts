// Slug -> tenant id. The one platform-level key that does not lead with a tenant id: it is read
// before anyone is signed in (signup uniqueness, login by slug) and only by platform functions.
import { Entity } from 'electrodb';
import { documentClient } from '../../domain/shared/dynamo.ts';
import { boundTable } from '../../domain/shared/bindings.ts';

export const createTenantSlugEntity = (table = boundTable('main')) =>
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
    { table, client: documentClient },
  );

export type TenantSlugEntity = ReturnType<typeof createTenantSlugEntity>;

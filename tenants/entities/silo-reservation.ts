// A silo slug the operator provisioned for one chain (tenants/silo-reservations.ts). Kept after it
// is claimed, so the slug stays reserved; the token is stored only as its SHA-256 hash.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../../domain/shared/data-scope.ts';

export const createSiloReservationEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'siloReservation', version: '1', service: 'storefleet' },
      attributes: {
        slug: { type: 'string', required: true, readOnly: true },
        tokenHash: { type: 'string', required: true },
        tokenExpiresAt: { type: 'string', required: true },
        claimedAt: { type: 'string' },
        claimedBy: { type: 'string' },
      },
      indexes: {
        bySlug: {
          pk: { field: 'pk', composite: ['slug'], template: 'platform#silo#${slug}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'silo', casing: 'none' },
        },
      },
    },
    { table, client },
  );

// Which tenants have ever had timed work to sweep (a reservation that may expire, a wallet payment
// that may be left waiting on its provider), so the sweepers know whose items to look at without
// scanning anything. (Named for stock, where it began; the payment sweeper reads it too.) One item per tenant in the shared table: its partition key
// starts with the tenant id, so the tenant's own vended credentials write it; its index key is
// common to all tenants, so the sweeper finds every registered tenant with one query of its own.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';

export const createSweepRegistrationEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'stockSweepRegistration', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        registeredAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byTenant: {
          pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#stock-sweep', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'registration', casing: 'none' },
        },
        all: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [], template: 'platform#stock-sweep-tenants', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['tenantId'], template: '${tenantId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type SweepRegistrationEntity = ReturnType<typeof createSweepRegistrationEntity>;

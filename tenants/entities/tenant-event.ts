// A domain event as consumed for its tenant: the record a consumer keeps so that a duplicate
// delivery of the same event id changes nothing.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../domain/shared/data-scope.ts';

export const createTenantEventEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'tenantEvent', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        eventId: { type: 'string', required: true, readOnly: true },
        type: { type: 'string', required: true, readOnly: true },
        occurredAt: { type: 'string', required: true, readOnly: true },
        recordedAt: { type: 'string', required: true, readOnly: true },
        payload: { type: 'any', required: true, readOnly: true },
      },
      indexes: {
        // Event ids are ULIDs, so the sort key orders the log by time.
        byTenant: {
          pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#events', casing: 'none' },
          sk: { field: 'sk', composite: ['eventId'], template: 'event#${eventId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type TenantEventEntity = ReturnType<typeof createTenantEventEntity>;
export type TenantEventItem = EntityItem<TenantEventEntity>;

// The per-tenant audit trail: who changed what, when, with the state before and after. Written in
// the same transaction as the change, so the trail has exactly the changes that happened.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createAuditEntryEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'auditEntry', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        auditId: { type: 'string', required: true, readOnly: true },
        at: { type: 'string', required: true, readOnly: true },
        actorId: { type: 'string', required: true, readOnly: true },
        actorRole: { type: 'string', required: true, readOnly: true },
        action: { type: 'string', required: true, readOnly: true },
        targetType: { type: 'string', required: true, readOnly: true },
        targetId: { type: 'string', required: true, readOnly: true },
        before: { type: 'any', readOnly: true },
        after: { type: 'any', readOnly: true },
      },
      indexes: {
        // Audit ids are ULIDs: the sort key orders the trail by time.
        byTenant: {
          pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#audit', casing: 'none' },
          sk: { field: 'sk', composite: ['auditId'], template: '${auditId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type AuditEntryItem = EntityItem<ReturnType<typeof createAuditEntryEntity>>;

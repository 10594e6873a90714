// Code hash -> (tenant, invitation). A platform-level key like `platform#slug#`: the application
// route is public, so it must find the invitation before it knows the tenant, and a GSI could not
// make the hash unique. It holds no secret (only the hash) and no tenant data beyond the ids,
// and only the public application function reads it. The TTL removes it a while after the
// invitation has expired; the invitation item itself stays as the record.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createInvitationCodeEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'franchiseInvitationCode', version: '1', service: 'storefleet' },
      attributes: {
        codeHash: { type: 'string', required: true, readOnly: true },
        tenantId: { type: 'string', required: true, readOnly: true },
        invitationId: { type: 'string', required: true, readOnly: true },
        /** Epoch seconds; the table's TTL. */
        expiresAt: { type: 'number', required: true, readOnly: true },
      },
      indexes: {
        byHash: {
          pk: { field: 'pk', composite: ['codeHash'], template: 'platform#invitation#${codeHash}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'invitation', casing: 'none' },
        },
      },
    },
    { table, client },
  );

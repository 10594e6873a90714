// An invitation HQ sends a prospective franchisee. Only the sha-256 of its code is kept, so a
// table read reveals no usable code; the code itself is shown once, to HQ, when it is made.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const INVITATION_STATUSES = ['open', 'used'] as const;

export const createInvitationEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'franchiseInvitation', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        invitationId: { type: 'string', required: true, readOnly: true },
        codeHash: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', readOnly: true },
        regionId: { type: 'string', readOnly: true },
        status: { type: INVITATION_STATUSES, required: true },
        // Not `expiresAt`: that name is the table's TTL attribute, and an invitation outlives its
        // validity as a record of who was invited.
        validUntil: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        createdBy: { type: 'string', required: true, readOnly: true },
        usedAt: { type: 'string' },
        applicationId: { type: 'string' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'invitationId'], template: '${tenantId}#invitation#${invitationId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'invitation', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type InvitationItem = EntityItem<ReturnType<typeof createInvitationEntity>>;

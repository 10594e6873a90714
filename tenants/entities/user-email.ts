// Email -> user id within a tenant: makes emails unique per tenant and lets login find the user.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../../domain/shared/data-scope.ts';

export const createUserEmailEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'userEmail', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byEmail: {
          pk: { field: 'pk', composite: ['tenantId', 'email'], template: '${tenantId}#email#${email}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'email', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type UserEmailEntity = ReturnType<typeof createUserEmailEntity>;

// Email -> user id within a tenant: makes emails unique per tenant and lets login find the user.
import { Entity } from 'electrodb';
import { documentClient } from '../../domain/shared/dynamo.ts';
import { boundTable } from '../../domain/shared/bindings.ts';

export const createUserEmailEntity = (table = boundTable('main')) =>
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
    { table, client: documentClient },
  );

export type UserEmailEntity = ReturnType<typeof createUserEmailEntity>;

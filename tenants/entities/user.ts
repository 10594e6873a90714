// A user of a tenant. With the local identity provider it also keeps the scrypt hash of the
// password (never the password); with Cognito the password lives in the user pool only.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../domain/shared/data-scope.ts';
import { ROLES } from '../../domain/shared/tenancy.ts';

export const createUserEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'user', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true },
        role: { type: ROLES, required: true },
        storeIds: { type: 'list', items: { type: 'string' }, default: () => [] },
        passwordHash: { type: 'string' },
        createdAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'userId'], template: '${tenantId}#user#${userId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'user', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type UserEntity = ReturnType<typeof createUserEntity>;
export type UserItem = EntityItem<UserEntity>;

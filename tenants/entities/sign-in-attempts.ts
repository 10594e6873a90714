// Failed sign-ins per (tenant, email), counted whether or not the email belongs to a user, so a
// lockout says nothing about which accounts exist.
import { Entity } from 'electrodb';
import { documentClient } from '../../domain/shared/dynamo.ts';
import { boundTable } from '../../domain/shared/bindings.ts';

export const createSignInAttemptsEntity = (table = boundTable('main')) =>
  new Entity(
    {
      model: { entity: 'signInAttempts', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true, readOnly: true },
        failures: { type: 'number', required: true },
        windowStartedAt: { type: 'number', required: true },
        lockedUntil: { type: 'number' },
        /** Epoch seconds; the table's TTL removes stale counters. */
        expiresAt: { type: 'number', required: true },
      },
      indexes: {
        byEmail: {
          pk: { field: 'pk', composite: ['tenantId', 'email'], template: '${tenantId}#signin#${email}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'signin', casing: 'none' },
        },
      },
    },
    { table, client: documentClient },
  );

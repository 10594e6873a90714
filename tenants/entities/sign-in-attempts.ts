// Failed sign-ins per (tenant, email), counted whether or not the email belongs to a user, so a
// lockout says nothing about which accounts exist.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../../domain/shared/data-scope.ts';

export const createSignInAttemptsEntity = (table: string, client: DocumentClient) =>
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
    { table, client },
  );

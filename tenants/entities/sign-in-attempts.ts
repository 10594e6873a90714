// Sign-in attempts per (tenant, email, source IP), counted whether or not the email belongs to a
// user, so a refusal says nothing about which accounts exist. The source is part of the key so
// that guesses from one address never refuse the account's owner signing in from another.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../../domain/shared/data-scope.ts';

export const createSignInAttemptsEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'signInAttempts', version: '2', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true, readOnly: true },
        source: { type: 'string', required: true, readOnly: true },
        /** Attempts admitted in the current window, counted before their password was checked. */
        attempts: { type: 'number', required: true },
        windowStartedAt: { type: 'number', required: true },
        /** Epoch seconds; the table's TTL removes stale counters. */
        expiresAt: { type: 'number', required: true },
      },
      indexes: {
        byEmailAndSource: {
          pk: { field: 'pk', composite: ['tenantId', 'email', 'source'], template: '${tenantId}#signin#${email}#${source}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'signin', casing: 'none' },
        },
      },
    },
    { table, client },
  );

// Application submissions counted per subject (a code hash or a source IP) and window; the
// limiter weighs the previous window in too (submission-limit.ts).
// Platform-level: unknown codes have no tenant, and they are exactly what must be counted.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createApplicationAttemptsEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'franchiseApplicationAttempts', version: '1', service: 'storefleet' },
      attributes: {
        subject: { type: 'string', required: true, readOnly: true },
        window: { type: 'number', required: true, readOnly: true },
        count: { type: 'number' },
        /** Epoch seconds; the table's TTL removes finished windows. */
        expiresAt: { type: 'number' },
      },
      indexes: {
        bySubject: {
          pk: { field: 'pk', composite: ['subject', 'window'], template: 'platform#apply-attempts#${subject}#${window}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'attempts', casing: 'none' },
        },
      },
    },
    { table, client },
  );

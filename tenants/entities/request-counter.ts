// Requests a tenant made in one second, for its tier's request quota. A platform item: counted
// with the function's own credentials before any tenant data is touched.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../../domain/shared/data-scope.ts';

export const createRequestCounterEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'requestCounter', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        /** Epoch second the count belongs to. */
        second: { type: 'number', required: true, readOnly: true },
        count: { type: 'number' },
        /** Epoch seconds; the table's TTL removes spent counters. */
        expiresAt: { type: 'number' },
      },
      indexes: {
        bySecond: {
          pk: { field: 'pk', composite: ['tenantId', 'second'], template: 'platform#rate#${tenantId}#${second}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'rate', casing: 'none' },
        },
      },
    },
    { table, client },
  );

// How many terminals a chain has registered: the tier's terminal quota is a condition on this
// counter in the registering transaction, so racing registrations cannot pass the limit together.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createTerminalCountEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'terminalCount', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        count: { type: 'number', required: true },
      },
      indexes: {
        byTenant: {
          pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#terminal-count', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'terminal-count', casing: 'none' },
        },
      },
    },
    { table, client },
  );

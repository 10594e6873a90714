// Serial number -> terminal, so one device is registered once per chain: re-registering a till
// means removing its old terminal first, which also revokes the old certificate.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createTerminalSerialEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'terminalSerial', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        serialNumber: { type: 'string', required: true, readOnly: true },
        thingName: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        bySerial: {
          pk: { field: 'pk', composite: ['tenantId', 'serialNumber'], template: '${tenantId}#terminal-serial#${serialNumber}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'terminal-serial', casing: 'none' },
        },
      },
    },
    { table, client },
  );

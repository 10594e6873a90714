// Thing name -> tenant, for what IoT Core says about a thing without saying whose it is (lifecycle
// events name only the client id, which a terminal's policy makes its thing name). Written and
// deleted with the terminal, from the same registration that set the thing's tenant attribute.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createTerminalDirectoryEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'terminalDirectory', version: '1', service: 'storefleet' },
      attributes: {
        thingName: { type: 'string', required: true, readOnly: true },
        tenantId: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byThing: {
          pk: { field: 'pk', composite: ['thingName'], template: 'platform#terminal#${thingName}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'terminal', casing: 'none' },
        },
      },
    },
    { table, client },
  );

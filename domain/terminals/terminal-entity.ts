// A POS terminal registered to a store: its IoT thing name is its id. Listed per tenant by store,
// so a store's terminals are one key range.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createTerminalEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'terminal', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        thingName: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        serialNumber: { type: 'string', required: true, readOnly: true },
        /** The certificate it registered with; a retry before it first connected replaces it (provision-terminal.ts). */
        certificateId: { type: 'string', required: true },
        provisionedAt: { type: 'string', required: true, readOnly: true },
        /** The user whose code registered it. */
        provisionedBy: { type: 'string', required: true, readOnly: true },
        /** Presence from IoT Core's lifecycle events: connected now, since `presenceAt`. */
        connected: { type: 'boolean' },
        presenceAt: { type: 'string' },
        /** iot/lifecycle-events.ts presenceOrder of the event applied last; older ones are ignored. */
        presenceOrder: { type: 'number' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'thingName'], template: '${tenantId}#terminal#${thingName}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'terminal', casing: 'none' },
        },
        byStore: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId'], template: '${tenantId}#terminals', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['storeId', 'thingName'], template: '${storeId}#${thingName}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type TerminalEntity = ReturnType<typeof createTerminalEntity>;
export type TerminalItem = EntityItem<TerminalEntity>;

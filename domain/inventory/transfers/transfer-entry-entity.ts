// Where a location finds the transfers and replenishment orders it is a party to, newest first:
// one entry per side (sent from / sent to), so a store's or a warehouse's list is one query of its
// own partition whichever way the goods go. `status` is kept in step with the document in the same
// transaction as every change of it, so the list can filter on it.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';

export const ENTRY_KINDS = ['transfer', 'replenishmentOrder'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_SIDES = ['from', 'to'] as const;
export type EntrySide = (typeof ENTRY_SIDES)[number];

export const createTransferEntryEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'transferEntry', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        kind: { type: ENTRY_KINDS, required: true, readOnly: true },
        locationId: { type: 'string', required: true, readOnly: true },
        documentId: { type: 'string', required: true, readOnly: true },
        side: { type: ENTRY_SIDES, required: true, readOnly: true },
        status: { type: 'string', required: true },
      },
      indexes: {
        // Document ids are ULIDs: descending order is newest first.
        byLocation: {
          pk: { field: 'pk', composite: ['tenantId', 'kind', 'locationId'], template: '${tenantId}#${kind}Entries#${locationId}', casing: 'none' },
          sk: { field: 'sk', composite: ['documentId'], template: '${documentId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type TransferEntryEntity = ReturnType<typeof createTransferEntryEntity>;
export type TransferEntryItem = EntityItem<TransferEntryEntity>;

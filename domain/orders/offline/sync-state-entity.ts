// Where a terminal's offline-sale sync stands, one item per terminal, so the sync status is a
// read and never a scan. Each recorded sale adds 1 to `recorded` in its own transaction (exact,
// whatever crashes between sales); the rest is brought up to date once per batch (sync-state.ts):
// the highest seq received, how far the seqs are recorded without a gap (from the sale marks), the
// batch's answers and its latest refusals. Every attribute but the keys is optional because the
// first sale's `add` may create the item before its first batch update.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';

const rejection = {
  type: 'map',
  properties: {
    clientSaleId: { type: 'string', required: true },
    seq: { type: 'number', required: true },
    code: { type: 'string', required: true },
    at: { type: 'string', required: true },
  },
} as const;

export const createPosSyncStateEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'posSyncState', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        terminalId: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string' },
        /** Sales recorded from this terminal (one per seq). */
        recorded: { type: 'number' },
        /** Every seq from 1 to this one is recorded. */
        contiguousSeq: { type: 'number' },
        /** The highest seq any batch carried, recorded or refused. */
        highestSeq: { type: 'number' },
        firstSyncAt: { type: 'string' },
        lastSyncAt: { type: 'string' },
        batches: { type: 'number' },
        /** As answered: a sale recorded by a batch whose answer was lost is answered a duplicate next time. */
        accepted: { type: 'number' },
        duplicates: { type: 'number' },
        rejected: { type: 'number' },
        recentRejections: { type: 'list', items: rejection },
        version: { type: 'number' },
      },
      indexes: {
        byTerminal: {
          pk: { field: 'pk', composite: ['tenantId', 'terminalId'], template: '${tenantId}#possync#${terminalId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'state', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type PosSyncStateItem = EntityItem<ReturnType<typeof createPosSyncStateEntity>>;

// The two list entries of a transfer or replenishment order (transfer-entry-entity.ts): written
// with the document, and their status changed with it, in the same transaction.
import type { TxEntities } from '../ledger/ledger.ts';
import type { EntryKind } from './transfer-entry-entity.ts';

export type Ends = { tenantId: string; kind: EntryKind; documentId: string; from: string; to: string };

const sides = ({ from, to }: Ends) => [{ side: 'from' as const, locationId: from }, { side: 'to' as const, locationId: to }];

export const createEntries = (e: TxEntities, ends: Ends, status: string) =>
  sides(ends).map(({ side, locationId }) => e.transferEntry.create({ tenantId: ends.tenantId, kind: ends.kind, documentId: ends.documentId, locationId, side, status }).commit());

export const updateEntries = (e: TxEntities, ends: Ends, status: string) =>
  sides(ends).map(({ locationId }) => e.transferEntry.patch({ tenantId: ends.tenantId, kind: ends.kind, documentId: ends.documentId, locationId }).set({ status }).commit());

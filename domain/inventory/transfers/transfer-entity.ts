// A transfer of stock between two locations of a chain: what was shipped, what has arrived so far
// and what was written off when it was closed short. The ledger holds the movements (transfer_out
// at the source when shipped, transfer_in at the destination per receipt); this item holds the
// in-transit state between them, changed only in the same transactions as those movements.
//
// gsi1 lists a destination's transfers with `state` leading the sort key, so the open ones (what
// is still on its way there) are one begins_with query however many have been received before.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';

export const TRANSFER_STATUSES = ['in_transit', 'partially_received', 'received', 'closed'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** Open transfers may still receive; done ones never change again. */
export const stateOf = (status: TransferStatus): 'open' | 'done' => (status === 'in_transit' || status === 'partially_received' ? 'open' : 'done');

export const createTransferEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'transfer', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        transferId: { type: 'string', required: true, readOnly: true },
        fromLocationId: { type: 'string', required: true, readOnly: true },
        toLocationId: { type: 'string', required: true, readOnly: true },
        status: { type: TRANSFER_STATUSES, required: true },
        state: { type: ['open', 'done'] as const, required: true },
        lines: {
          type: 'list',
          required: true,
          items: {
            type: 'map',
            properties: {
              skuId: { type: 'string', required: true },
              shipped: { type: 'number', required: true },
              received: { type: 'number', required: true },
              /** Written off when the transfer was closed short: shipped - received at that moment. */
              lost: { type: 'number' },
            },
          },
        },
        /** Receipts so far: the next one posts as `${transferId}:receipt:${receiptCount + 1}`. */
        receiptCount: { type: 'number', required: true },
        reference: { type: 'string', readOnly: true },
        /** The replenishment order this transfer ships, if any. */
        orderId: { type: 'string', readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        createdBy: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        closedBy: { type: 'string' },
        closeReason: { type: 'string' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'transferId'], template: '${tenantId}#transfer#${transferId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'transfer', casing: 'none' },
        },
        toLocation: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'toLocationId'], template: '${tenantId}#transfersTo#${toLocationId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['state', 'transferId'], template: '${state}#${transferId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type TransferEntity = ReturnType<typeof createTransferEntity>;
export type TransferItem = EntityItem<TransferEntity>;
export type TransferLine = TransferItem['lines'][number];

// A transfer as the API shows it: its lines with what is still outstanding on each.
import { z } from 'zod';
import { Id, Timestamp } from '../../shared/fields.ts';
import { page } from '../../shared/pagination.ts';
import { StockLocationId } from '../ledger/movement-view.ts';
import { TRANSFER_STATUSES, type TransferItem } from './transfer-entity.ts';
import { outstanding } from './transfer-receipt.ts';

export type TransferRecord = Omit<TransferItem, 'state'> & { state?: string };

export const TransferView = z
  .object({
    id: Id('transfer'),
    fromLocationId: StockLocationId,
    toLocationId: StockLocationId,
    status: z.enum(TRANSFER_STATUSES),
    lines: z.array(
      z.object({
        skuId: Id('sku'),
        shipped: z.number().int(),
        received: z.number().int(),
        lost: z.number().int().describe('Written off when the transfer was closed short'),
        outstanding: z.number().int(),
      }),
    ),
    receipts: z.number().int().describe('Receipts posted against it'),
    reference: z.string().nullable(),
    orderId: Id('replenishmentOrder').nullable().describe('The replenishment order it ships'),
    createdAt: Timestamp,
    createdBy: z.string().describe('The user who shipped it'),
    updatedAt: Timestamp,
    closedBy: z.string().nullable().optional().describe('Closed transfers only'),
    closeReason: z.string().nullable().optional().describe('Closed transfers only'),
  })
  .meta({ id: 'Transfer' });
export type TransferView = z.output<typeof TransferView>;
export const TransferPage = page(TransferView);

export const transferView = (t: TransferRecord): TransferView => ({
  id: t.transferId,
  fromLocationId: t.fromLocationId,
  toLocationId: t.toLocationId,
  status: t.status,
  lines: t.lines.map((l) => ({ skuId: l.skuId, shipped: l.shipped, received: l.received, lost: l.lost ?? 0, outstanding: outstanding(l) })),
  receipts: t.receiptCount,
  reference: t.reference ?? null,
  orderId: t.orderId ?? null,
  createdAt: t.createdAt,
  createdBy: t.createdBy,
  updatedAt: t.updatedAt,
  ...(t.status === 'closed' ? { closedBy: t.closedBy ?? null, closeReason: t.closeReason ?? null } : {}),
});

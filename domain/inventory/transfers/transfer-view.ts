// A transfer as the API shows it: its lines with what is still outstanding on each.
import type { TransferItem } from './transfer-entity.ts';
import { outstanding } from './transfer-receipt.ts';

export type TransferRecord = Omit<TransferItem, 'state'> & { state?: string };

export const transferView = (t: TransferRecord) => ({
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

export type TransferView = ReturnType<typeof transferView>;

// The pure part of receiving a transfer: which quantities arrive, the transfer's lines and status
// after them, or why the receipt is refused. Data in, data out; the use case posts the result.
import { ValidationError } from '../../shared/errors.ts';
import { OverReceiptError } from '../transfer-errors.ts';
import type { TransferLine, TransferStatus } from './transfer-entity.ts';

export type Arrival = { skuId: string; quantity: number };
export type ReceiptPlan = { arrived: Arrival[]; lines: TransferLine[]; status: TransferStatus };

export const outstanding = (line: TransferLine): number => line.shipped - line.received - (line.lost ?? 0);

/**
 * Plans a receipt of `requested` (undefined: everything outstanding). A SKU not on the transfer is
 * a 400; more than a line still expects is refused whole (422 over_receipt, every line named).
 */
export const planReceipt = (lines: readonly TransferLine[], requested?: readonly Arrival[]): ReceiptPlan => {
  const bySku = new Map(lines.map((l) => [l.skuId, l]));
  const wanted: Arrival[] = requested ? [...requested] : lines.filter((l) => outstanding(l) > 0).map((l) => ({ skuId: l.skuId, quantity: outstanding(l) }));
  const strangers = wanted.flatMap((a, i) => (bySku.has(a.skuId) ? [] : [{ path: `body.lines.${i}.skuId`, message: 'This SKU is not on the transfer' }]));
  if (strangers.length) throw new ValidationError(strangers);
  const over = wanted.flatMap((a) => {
    const left = outstanding(bySku.get(a.skuId)!);
    return a.quantity > left ? [{ skuId: a.skuId, requested: a.quantity, outstanding: left }] : [];
  });
  if (over.length) throw new OverReceiptError(over);
  const arriving = new Map(wanted.map((a) => [a.skuId, a.quantity]));
  const next = lines.map((l) => ({ ...l, received: l.received + (arriving.get(l.skuId) ?? 0) }));
  return { arrived: wanted, lines: next, status: next.every((l) => outstanding(l) === 0) ? 'received' : 'partially_received' };
};

/** Closing short: what never arrived is written off, line by line. */
export const planClosure = (lines: readonly TransferLine[]): TransferLine[] => lines.map((l) => ({ ...l, lost: outstanding(l) }));

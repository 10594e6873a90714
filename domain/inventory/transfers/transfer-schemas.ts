// Requests of transfers (API.md: POST /v1/stock/transfers and /receive), plus what this slice adds:
// reading, listing and closing transfers short. Lines of stock documents share one shape.
import { z } from 'zod';
import { SkuId } from '../../catalog/product-schemas.ts';
import { isLocationId } from '../../catalog/locations.ts';
import { idPattern } from '../../shared/ids.ts';
import { PageQuery } from '../../shared/pagination.ts';
import { TRANSFER_STATUSES } from './transfer-entity.ts';

/**
 * A transfer's posting writes 2 items a line (movement and level) besides its own few, and shipping
 * a replenishment order adds the order's: 45 lines keep every one of them under DynamoDB's 100
 * items (2 x 45 + 9 = 99). A bigger shipment is two transfers.
 */
export const MAX_TRANSFER_LINES = 45;
/** Well above any case count a store handles, well inside a safe integer. */
export const MAX_LINE_QUANTITY = 1_000_000;

export const LocationId = z.string().refine(isLocationId, 'a store (sto_...) or warehouse (whs_...) id');
export const TransferId = z.string().regex(idPattern('transfer'), 'a transfer id (trf_...)');
const Reference = z.string().trim().min(1).max(100);

export const StockLine = z.object({ skuId: SkuId, quantity: z.number().int().positive().max(MAX_LINE_QUANTITY) });
export type StockLine = z.infer<typeof StockLine>;

/** A list of per-SKU lines: at least one, at most `max`, each SKU once. */
export const skuLines = <T extends z.ZodType<{ skuId: string }>>(line: T, max: number) =>
  z
    .array(line)
    .min(1)
    .max(max)
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach(({ skuId }, i) => {
        if (seen.has(skuId)) ctx.addIssue({ code: 'custom', path: [i, 'skuId'], message: 'appears twice in this request' });
        seen.add(skuId);
      });
    });

export const NewTransfer = z
  .object({ fromLocationId: LocationId, toLocationId: LocationId, lines: skuLines(StockLine, MAX_TRANSFER_LINES), reference: Reference.optional() })
  .refine((t) => t.fromLocationId !== t.toLocationId, { path: ['toLocationId'], message: 'must differ from fromLocationId' });
export type NewTransfer = z.infer<typeof NewTransfer>;

/** Lines omitted: everything still outstanding arrived. */
export const TransferReceipt = z.object({ lines: skuLines(StockLine, MAX_TRANSFER_LINES).optional() });
export type TransferReceipt = z.infer<typeof TransferReceipt>;

export const TransferClosure = z.object({ reason: z.string().trim().min(1).max(200) });
export type TransferClosure = z.infer<typeof TransferClosure>;

export const TransferPath = z.object({ id: TransferId });

export const TransferListQuery = PageQuery.extend({
  locationId: LocationId,
  status: z.enum(TRANSFER_STATUSES).optional(),
  /** outbound: sent from the location; inbound: sent to it; both when omitted. */
  direction: z.enum(['outbound', 'inbound']).optional(),
});
export type TransferListQuery = z.infer<typeof TransferListQuery>;

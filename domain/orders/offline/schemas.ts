// What a till sends when it syncs the sales it made offline (API.md, `POST /v1/pos/sales:sync`),
// and the sync-status path. The shape is checked here for the whole batch (a malformed batch is a
// 400 and writes nothing); what only the server can judge (SKUs, prices, sums, duplicates) is
// decided per sale, so one bad sale never holds back the others.
import { z } from 'zod';
import { idPattern } from '../../shared/ids.ts';
import { SkuId } from '../../catalog/product-schemas.ts';
import { StoreId } from '../../catalog/schemas.ts';
import { PROVIDERS } from '../../payments/payment-entity.ts';
import { MAX_PAYMENTS_PER_ORDER } from '../settle.ts';
import { MAX_ORDER_LINES } from '../schemas.ts';

/**
 * Sales per batch. Each is its own transaction after about six rounds of reads, made one after
 * another (side by side they would contend for the terminal's state item and the store's levels):
 * 50 took 9.6 s on DynamoDB Local on a loaded 2-core machine, against the function's 28 s
 * (infra/functions/pos.ts; the HTTP API waits 30). A till with more sends more batches.
 */
export const MAX_SALES_PER_BATCH = 50;
/** Sequence numbers fit 12 digits: the sort key pads them to that width. */
export const MAX_SEQ = 999_999_999_999;

export const TerminalId = z.string().regex(idPattern('terminal'), 'a terminal id (trm_...)');
export const ClientSaleId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : -, at most 64');
const Amount = z.number().int('a whole number of fen');

export const SyncedSale = z.object({
  clientSaleId: ClientSaleId.describe('The till’s own id of the sale; recorded once per terminal'),
  seq: z.number().int().min(1).max(MAX_SEQ).describe('The terminal’s sale counter: 1, 2, 3, ... with no gaps'),
  occurredAt: z.iso.datetime({ offset: true }).describe('When the sale was made; numbered and priced as of then'),
  storeId: StoreId,
  lines: z
    .array(z.object({ skuId: SkuId, quantity: z.number().int('a whole number').min(1).max(9_999), unitPrice: Amount.min(0).max(100_000_000).describe('What the till charged a unit') }))
    .min(1)
    .max(MAX_ORDER_LINES),
  payments: z
    .array(
      z.object({
        method: z.enum(PROVIDERS),
        amount: Amount.min(1).max(100_000_000),
        providerTxnId: z.string().trim().min(1).max(64).optional().describe('A wallet’s transaction id (required for every method but cash)'),
      }),
    )
    .max(MAX_PAYMENTS_PER_ORDER),
});
export type SyncedSale = z.infer<typeof SyncedSale>;

export const SalesBatch = z.object({ terminalId: TerminalId, sales: z.array(SyncedSale).min(1).max(MAX_SALES_PER_BATCH) });
export type SalesBatch = z.infer<typeof SalesBatch>;

export const SyncStatusPath = z.object({ id: TerminalId });

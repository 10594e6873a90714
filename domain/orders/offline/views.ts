// What the offline-sync routes answer, and the part of an order view an offline sale adds (the
// order view spreads it in: domain/orders/views.ts).
import { z } from 'zod';
import { Fen, Id, Timestamp } from '../../shared/fields.ts';
import type { OrderItem } from '../order-entity.ts';

const Seq = z.number().int().min(0);
/** Not the request's schema: the order view imports this file, and the request schemas import the checkout. */
const ClientSaleId = z.string().describe('The till’s own id of the sale');

export const SalesSyncView = z
  .object({
    accepted: z.array(ClientSaleId).describe('Recorded by this batch'),
    duplicates: z.array(ClientSaleId).describe('Recorded before, by an earlier delivery of the same sale'),
    rejected: z.array(z.object({ clientSaleId: ClientSaleId, seq: Seq, code: z.string().describe('Why the sale was not recorded (e.g. client_sale_id_reused, seq_reused, payments_do_not_match_total)') })),
    orders: z.array(z.object({ clientSaleId: ClientSaleId, orderId: Id('order'), number: z.string() })).describe('The order each accepted or duplicate sale is recorded as'),
  })
  .meta({ id: 'SalesSync' });
export type SalesSyncView = z.output<typeof SalesSyncView>;

export const SyncStatusView = z
  .object({
    terminalId: Id('terminal'),
    storeId: Id('store'),
    highestSeq: Seq.describe('The highest seq any batch carried'),
    highestContiguousSeq: Seq.describe('Every sale from seq 1 to this one is recorded'),
    recordedSales: z.number().int(),
    missingCount: z.number().int().describe('Seqs up to highestSeq not recorded (never received, or refused)'),
    missing: z.array(z.object({ from: Seq, to: Seq })).describe('The missing seqs as ranges, lowest first'),
    missingComplete: z.boolean().describe('False when there are too many gaps to list them all'),
    firstSyncAt: Timestamp.nullable(),
    lastSyncAt: Timestamp.nullable(),
    batches: z.number().int(),
    answered: z.object({ accepted: z.number().int(), duplicates: z.number().int(), rejected: z.number().int() }).describe('Sales by how the batches answered them'),
    recentRejections: z.array(z.object({ clientSaleId: ClientSaleId, seq: Seq, code: z.string(), at: Timestamp })).describe('The latest refused sales, newest first'),
  })
  .meta({ id: 'PosSyncStatus' });
export type SyncStatusView = z.output<typeof SyncStatusView>;

export const OfflineSaleView = z
  .object({
    terminalId: Id('terminal'),
    clientSaleId: ClientSaleId,
    seq: Seq,
    occurredAt: Timestamp,
    syncedAt: Timestamp,
    chargedDiffers: z.boolean().describe('The till charged other than the engine’s price at occurredAt; the charged price is what the order keeps'),
    engineTotal: Fen.describe('The engine’s total for the same lines at occurredAt'),
    priceFlags: z.array(z.object({ skuId: Id('sku'), quantity: z.number().int(), chargedUnitPrice: Fen, chargedAmount: Fen, engineUnitPrice: Fen, engineAmount: Fen })),
  })
  .meta({ id: 'OfflineSale' });
export type OfflineSaleView = z.output<typeof OfflineSaleView>;

export const offlineSaleView = (o: NonNullable<OrderItem['offlineSale']>): OfflineSaleView => ({
  terminalId: o.terminalId,
  clientSaleId: o.clientSaleId,
  seq: o.seq,
  occurredAt: o.occurredAt,
  syncedAt: o.syncedAt,
  chargedDiffers: o.chargedDiffers,
  engineTotal: o.engineTotal,
  priceFlags: o.priceFlags.map(({ skuId, quantity, chargedUnitPrice, chargedAmount, engineUnitPrice, engineAmount }) => ({ skuId, quantity, chargedUnitPrice, chargedAmount, engineUnitPrice, engineAmount })),
});

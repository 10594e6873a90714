// Shipping a transfer: transfer_out at the source under the `available` guard (so promised or
// missing stock cannot leave: 409 insufficient_stock, nothing written), and the transfer record,
// its list entries and the audit entry in the same posting. A replenishment order ships through
// here with its own items riding along, so the order turns into exactly this transfer or nothing.
import { auditEntry } from '../../audit/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import { postStock, type TxEntities, type TxWrite } from '../ledger/ledger.ts';
import type { StockService } from '../stock-service.ts';
import { requireSkus, requireStockLocation } from '../request-checks.ts';
import { createEntries, type Ends } from './transfer-entries.ts';
import type { TransferItem } from './transfer-entity.ts';
import type { NewTransfer } from './transfer-schemas.ts';
import { getTransfer } from './transfer-reads.ts';
import { transferView, type TransferView } from './transfer-view.ts';

export type Deps = { service: StockService; clock: Clock };

/** Items a caller commits with the shipment, and what a failed condition among them means. */
export type Rider = { orderId: string; items: (e: TxEntities, at: Date, transferId: string) => TxWrite[]; refused: (codes: readonly string[]) => Error | undefined };

export const transferEnds = (t: Pick<TransferItem, 'tenantId' | 'transferId' | 'fromLocationId' | 'toLocationId'>): Ends => ({
  tenantId: t.tenantId,
  kind: 'transfer',
  documentId: t.transferId,
  from: t.fromLocationId,
  to: t.toLocationId,
});

/**
 * Posts the shipment; the caller has checked who may send it. A `transferId` shipped already
 * (a retry of a keyed request that committed) posts nothing and answers with that transfer.
 */
export const postShipment = async (
  ctx: TenantContext,
  shipment: NewTransfer,
  deps: Deps,
  rider?: Rider,
  transferId: string = newId('transfer', deps.clock.now().getTime()),
): Promise<TransferView> => {
  const { tenantId } = ctx;
  let record: TransferItem | undefined;
  const ownItems = 4;
  const posted = await postStock(
    {
      tenantId,
      postingId: `${transferId}:ship`,
      reference: transferId,
      actorId: ctx.userId,
      changes: shipment.lines.map((l) => ({ locationId: shipment.fromLocationId, skuId: l.skuId, movement: { type: 'transfer_out' as const, quantity: -l.quantity }, guard: 'available' as const })),
      extra: (e, at) => {
        const stamp = at.toISOString();
        record = {
          tenantId,
          transferId,
          fromLocationId: shipment.fromLocationId,
          toLocationId: shipment.toLocationId,
          status: 'in_transit',
          state: 'open',
          lines: shipment.lines.map((l) => ({ skuId: l.skuId, shipped: l.quantity, received: 0 })),
          receiptCount: 0,
          reference: shipment.reference,
          orderId: rider?.orderId,
          createdAt: stamp,
          createdBy: ctx.userId,
          updatedAt: stamp,
        };
        const writes = [
          e.transfer.create(record).commit(),
          ...createEntries(e, transferEnds(record), record.status),
          e.auditEntry.create(auditEntry(ctx, { action: 'transfer.shipped', targetType: 'transfer', targetId: transferId, after: transferView(record) }, at)).commit(),
        ];
        if (writes.length !== ownItems) throw new Error('transfer-ship: ownItems is out of step with the items written');
        return [...writes, ...(rider?.items(e, at, transferId) ?? [])];
      },
      refused: (codes) => rider?.refused(codes.slice(ownItems)),
    },
    deps,
  );
  return posted.replayed ? getTransfer(ctx, transferId, deps) : transferView(record!);
};

/**
 * POST /v1/stock/transfers: store staff send from their own stores (to a warehouse, or to another
 * store of theirs); only HQ sends from a warehouse. Checked source first, so the refusal is stable.
 */
export const createTransfer = async (ctx: TenantContext, input: NewTransfer, deps: Deps, transferId?: string): Promise<TransferView> => {
  await requireStockLocation(ctx, input.fromLocationId, 'write', deps);
  await requireStockLocation(ctx, input.toLocationId, 'read', deps);
  await requireSkus(ctx, input.lines.map((l) => l.skuId), 'body.lines', deps);
  return postShipment(ctx, input, deps, undefined, transferId);
};

// Shipping a replenishment order: HQ turns it into a transfer from its warehouse to its store,
// through the transfer code, with the order's change riding in the same posting on condition that
// it is still submitted. So an order becomes exactly one transfer: a second or concurrent ship
// finds it shipped (409 invalid_state) and posts nothing, and short stock at the warehouse
// (409 insufficient_stock) leaves it submitted with nothing written.
import type { TenantContext } from '../../shared/tenancy.ts';
import { orderEnds, orderView, loadOrder } from './replenishment-orders.ts';
import { updateEntries } from '../transfers/transfer-entries.ts';
import { DocumentMovedError, DocumentStateError } from '../transfer-errors.ts';
import { postShipment, type Deps } from '../transfers/transfer-ship.ts';
import type { ShippedOrderView } from './replenishment-schemas.ts';

export const shipOrder = async (ctx: TenantContext, orderId: string, deps: Deps): Promise<ShippedOrderView> => {
  const order = await loadOrder(ctx, orderId, deps);
  if (order.status !== 'submitted') throw new DocumentStateError('replenishment order', order.status);
  try {
    let updatedAt = '';
    const transfer = await postShipment(ctx, { fromLocationId: order.warehouseId, toLocationId: order.storeId, lines: order.lines, reference: orderId }, deps, {
      orderId,
      items: (e, at, transferId) => {
        updatedAt = at.toISOString();
        return [
          e.replenishmentOrder
            .patch({ tenantId: ctx.tenantId, orderId })
            .set({ status: 'shipped', state: 'done', transferId, updatedAt, updatedBy: ctx.userId })
            .where((a, { eq }) => eq(a.status, 'submitted'))
            .commit(),
          ...updateEntries(e, orderEnds(order), 'shipped'),
        ];
      },
      refused: (codes) => (codes[0] === 'ConditionalCheckFailed' ? new DocumentMovedError() : undefined),
    });
    return { ...orderView({ ...order, status: 'shipped', state: 'done', transferId: transfer.id, updatedAt, updatedBy: ctx.userId }), transfer };
  } catch (error) {
    // Shipped or cancelled by someone else since it was read.
    if (error instanceof DocumentMovedError) throw new DocumentStateError('replenishment order', (await loadOrder(ctx, orderId, deps)).status);
    throw error;
  }
};

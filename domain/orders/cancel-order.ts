// Cancelling an order. Unpaid: its hold goes back (or, for a till's order, there is nothing to
// give back). Paid but not yet handed over: its sale is restocked, its fulfilment task cancelled
// and every payment refunded through the payment seam. Handed over: it is a return, not a cancel.
// All of it commits in the one transaction that moves the order to `cancelled`; a wallet's refunds
// then go to their provider (`completeRefunds`).
import { retryOptimistically, RETRY } from '../shared/optimistic-retry.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { postStock } from '../inventory/ledger/ledger.ts';
import { releaseReservation } from '../inventory/reservations/reservation-ledger.ts';
import { ReservationStateError } from '../inventory/errors.ts';
import { planRefunds, type RefundCompleter } from '../payments/refunds.ts';
import type { RefundItem } from '../payments/refund-entity.ts';
import { FulfilmentStateError, handedOver } from '../fulfilment/fulfilment-state.ts';
import { fulfilmentPatch } from '../fulfilment/fulfilment-writes.ts';
import { transition } from './order-state.ts';
import { fullOrderView, readOrderParts, requireOrder } from './order-reads.ts';
import { ORDER_EVENTS, orderEvent, orderPatch, orderRefused } from './order-writes.ts';
import { OrderBusyError, OrderChangedError, PaymentInProgressError } from './errors.ts';
import type { Cancellation } from './schemas.ts';
import type { OrderDeps } from './place-order.ts';
import type { OrderView } from './views.ts';

type Deps = Pick<OrderDeps, 'service' | 'clock'> & { completeRefunds?: RefundCompleter };

export const cancelOrder = async (ctx: TenantContext, orderId: string, request: Cancellation, deps: Deps): Promise<OrderView> => {
  let written: RefundItem[] = [];
  const order = await retryOptimistically(8, () => new OrderBusyError(), async () => {
    written = [];
    const o = await requireOrder(ctx, orderId, deps);
    // Cancelling a cancelled order again is a replay, not a conflict.
    if (o.status === 'cancelled') return o;
    const status = transition(o.status, 'cancel');
    if ((o.processingAmount ?? 0) > 0) throw new PaymentInProgressError(o.orderId, o.processingAmount!);
    const { payments, fulfilment } = await readOrderParts(o, deps);
    if (fulfilment && handedOver(fulfilment.status)) throw new FulfilmentStateError(fulfilment.status, 'cancel');
    const at = deps.clock.now();
    const reason = request.reason ?? 'cancelled';
    const refunds = planRefunds(payments, o.paidAmount - o.refundedAmount, { id: `${orderId}:cancel`, reason }, at);
    written = refunds.refunds;
    const after = { status, cancelledAt: at.toISOString(), cancelReason: reason, refundedAmount: o.paidAmount };
    const cancelled = { ...o, ...after };
    const extra = (e: Parameters<typeof orderPatch>[0], t: Date) => [
      orderPatch(e, o, after),
      ...refunds.writes(e),
      ...(fulfilment ? [fulfilmentPatch(e, fulfilment, 'cancel', ctx.userId, t)] : []),
      orderEvent(e, cancelled, ORDER_EVENTS.cancelled, t, { reason }),
      ...(refunds.refunds.length ? [orderEvent(e, cancelled, ORDER_EVENTS.refunded, t, { refundIds: refunds.refunds.map((r) => r.refundId) })] : []),
    ];
    const refused = orderRefused(orderId);
    try {
      if (o.status === 'pending_payment' && o.reservationId) await releaseReservation(o.tenantId, o.reservationId, deps, ctx.userId, { extra, refused });
      else if (o.status === 'pending_payment') {
        const { canceled } = await deps.service.transaction.write((e) => extra(e, at)).go();
        if (canceled) return RETRY;
      } else
        await postStock(
          {
            tenantId: o.tenantId,
            postingId: `${orderId}:restock`,
            reference: orderId,
            actorId: ctx.userId,
            changes: o.lines.map((l) => ({ locationId: o.storeId, skuId: l.skuId, movement: { type: 'return' as const, quantity: l.quantity }, guard: 'none' as const })),
            extra,
            refused,
          },
          deps,
        );
    } catch (error) {
      // The hold ended under us (paid, or expired) or the order moved on: read it again.
      if (error instanceof OrderChangedError || error instanceof ReservationStateError) return RETRY;
      throw error;
    }
    return cancelled;
  });
  if (deps.completeRefunds) await deps.completeRefunds(written);
  return fullOrderView(order, deps);
};

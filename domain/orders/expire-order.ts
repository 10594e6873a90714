// An unpaid online or delivery order lapses with its hold. The reservation sweeper (and a payment
// that arrives too late) ends the hold; this companion cancels the order as `expired` and
// announces order.expired in that same transaction, so an order is never left pending on a hold
// that is gone, nor expired while its hold lives on.
import type { Clock } from '../shared/clock.ts';
import type { ExpiryCompanion } from '../inventory/reservations/reservation-ledger.ts';
import type { StockService } from '../inventory/stock-service.ts';
import { ID_PREFIXES } from '../shared/ids.ts';
import { transition } from './order-state.ts';
import { loadOrder } from './order-reads.ts';
import { ORDER_EVENTS, orderEvent, orderPatch, orderRefused } from './order-writes.ts';

export const EXPIRED = 'expired';

export const orderExpiry =
  (deps: { service: StockService; clock: Clock }): ExpiryCompanion =>
  async (r) => {
    if (!r.reference?.startsWith(`${ID_PREFIXES.order}_`)) return undefined;
    const order = await loadOrder(r.tenantId, r.reference, deps);
    // Only a pending order holds stock; anything else has ended its hold in its own transaction.
    if (!order || order.status !== 'pending_payment' || order.reservationId !== r.reservationId) return undefined;
    const status = transition(order.status, 'expire');
    return {
      extra: (e, at) => {
        const after = { status, cancelledAt: at.toISOString(), cancelReason: EXPIRED };
        return [orderPatch(e, order, after), orderEvent(e, { ...order, ...after }, ORDER_EVENTS.expired, at, { reservationId: r.reservationId })];
      },
      refused: orderRefused(order.orderId),
    };
  };

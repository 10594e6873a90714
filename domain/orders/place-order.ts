// Placing an order, from any channel. The server prices it; then, in one transaction each way:
// - online and delivery: the order, a hold on its stock (the channel's safety stock kept back; a
//   short SKU is 409 insufficient_stock naming every one) and order.created;
// - pos: the order and order.created and, when the till pays in the same request, the payment, the
//   sale movements (never refused for the count: the goods are in the customer's hands) and
//   order.paid / order.completed.
// A retry under the same Idempotency-Key derives the same order id, meets the first attempt's
// writes and answers with the order they made.
import { randomInt } from 'node:crypto';
import { drawOrderNumber } from './order-numbers.ts';
import { businessDayOf } from '../shared/business-day.ts';
import type { Clock } from '../shared/clock.ts';
import { retryOptimistically, RETRY } from '../shared/optimistic-retry.ts';
import { canAccessStore, type TenantContext } from '../shared/tenancy.ts';
import type { PricingService } from '../pricing/pricing-service.ts';
import { placeHold } from '../inventory/reservations/reservation-ledger.ts';
import { withSweepRegistration } from '../inventory/reservations/reservation-expiry.ts';
import type { StockService } from '../inventory/stock-service.ts';
import type { OrderItem } from './order-entity.ts';
import { holdMinutesOf } from './order-settings.ts';
import { mergeLines, priceOrder } from './order-lines.ts';
import { fullOrderView, loadOrder, reservationIdOf } from './order-reads.ts';
import { numberClaim, ORDER_EVENTS, orderCreate, orderEvent, orderRefused } from './order-writes.ts';
import { OrderBusyError, OrderChangedError, StoreClosedError } from './errors.ts';
import { CHANNEL_FULFILMENTS, type NewOrder } from './schemas.ts';
import { checkoutPayment, prefetchSale, settleNewPosOrder } from './settle.ts';
import { orderView, type OrderView } from './views.ts';

export type OrderDeps = { service: StockService; pricing: PricingService; clock: Clock };

const MAX_ATTEMPTS = 8;

/** A fresh pickup code: 6 digits the customer shows at the counter. */
const pickupCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * `orderId` may still be on its way (an Idempotency-Key's derived id needs its first-attempt
 * mark written): it is awaited beside the reads, not before them.
 */
export const placeOrder = async (ctx: TenantContext, request: NewOrder, orderIdOf: string | Promise<string>, deps: OrderDeps): Promise<OrderView> => {
  const { tenantId } = ctx;
  const now = deps.clock.now();
  // A till's paid checkout posts its sale in this request: the levels it plans from are read in
  // the same round as the prices (the sale's conditions catch a read a moment old).
  const sale = request.channel === 'pos' && request.payment && canAccessStore(ctx, request.storeId) ? prefetchSale(tenantId, request.storeId, mergeLines(request.lines).map((l) => l.skuId), deps) : undefined;
  sale?.catch(() => undefined);
  const [{ priced, store }, tenant, orderId] = await Promise.all([
    priceOrder(ctx, request.storeId, request.channel, request.lines, deps),
    request.channel === 'pos' ? undefined : deps.service.entities.tenant.get({ tenantId }).go(),
    orderIdOf,
  ]);
  if (store.status === 'closed') throw new StoreClosedError();
  const payment = request.payment ? checkoutPayment(request.payment, priced.total) : undefined;

  const fulfilmentType = request.fulfilment?.type ?? CHANNEL_FULFILMENTS[request.channel][0];
  const businessDay = businessDayOf(now, store.timezone);
  const holds = request.channel !== 'pos';
  const expiresAt = holds ? new Date(now.getTime() + holdMinutesOf(tenant?.data?.settings) * 60_000) : undefined;
  const base: Omit<OrderItem, 'number'> = {
    tenantId,
    orderId,
    storeId: store.storeId,
    channel: request.channel,
    businessDay,
    status: 'pending_payment',
    ...priced,
    paidAmount: 0,
    refundedAmount: 0,
    fulfilmentType,
    ...(request.fulfilment?.address ? { address: request.fulfilment.address } : {}),
    ...(fulfilmentType === 'pickup' ? { pickupCode: pickupCode() } : {}),
    ...(holds ? { reservationId: reservationIdOf(orderId), expiresAt: expiresAt!.toISOString() } : {}),
    ...(request.externalRef ? { externalRef: request.externalRef } : {}),
    createdBy: ctx.userId,
    createdAt: now.toISOString(),
    version: 0,
  };

  return retryOptimistically(MAX_ATTEMPTS, () => new OrderBusyError(), async () => {
    const order: OrderItem = { ...base, number: drawOrderNumber(request.channel, now, store.timezone) };
    try {
      // What this request wrote is known: the answer is built from it, not read back.
      if (payment) {
        const settled = await settleNewPosOrder(order, payment, (e, at) => [numberClaim(e, order, at)], deps, sale);
        return orderView(settled.order, { payments: [settled.payment] });
      }
      if (holds) await hold(order, expiresAt!, deps);
      else await createOnly(order, deps);
      return orderView(order);
    } catch (error) {
      if (!(error instanceof OrderChangedError)) throw error;
      // Either our own first attempt made the order (a retry after a crash), or another order
      // holds the number we drew: read which, and draw again if need be.
      const first = await loadOrder(tenantId, orderId, deps);
      return first ? fullOrderView(first, deps) : RETRY;
    }
  });
};

const hold = async (order: OrderItem, expiresAt: Date, deps: OrderDeps): Promise<void> => {
  const place = (registerForExpiry: boolean) =>
    placeHold(
      order.tenantId,
      {
        reservationId: order.reservationId!,
        locationId: order.storeId,
        channel: order.channel,
        lines: order.lines.map(({ skuId, quantity }) => ({ skuId, quantity })),
        expiresAt,
        reference: order.orderId,
        actorId: order.createdBy,
        registerForExpiry,
        extra: (e, at) => [orderCreate(e, order), numberClaim(e, order, at), orderEvent(e, order, ORDER_EVENTS.created, at)],
        refused: orderRefused(order.orderId),
      },
      deps,
    );
  // The hold existed already: a retry of an order whose first attempt committed.
  if ((await withSweepRegistration(order.tenantId, place)).replayed) throw new OrderChangedError(order.orderId);
};

const createOnly = async (order: OrderItem, { service, clock }: OrderDeps): Promise<void> => {
  const at = clock.now();
  const { canceled } = await service.transaction.write((e) => [orderCreate(e, order), numberClaim(e, order, at), orderEvent(e, order, ORDER_EVENTS.created, at)]).go();
  if (canceled) throw new OrderChangedError(order.orderId);
};

// Reservations as requests make them: the caller may act at the location, the SKUs are the
// chain's, and the tenant's first hold in a container registers it with the expiry sweeper. The
// orders flow calls these too (reserve at checkout, consume on payment, release on cancel).
import type { Clock } from '../../shared/clock.ts';
import { DomainError, NotFoundError } from '../../shared/errors.ts';
import { ID_PREFIXES, newId } from '../../shared/ids.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import { requireLocation } from '../../catalog/locations.ts';
import { withSweepRegistration } from './reservation-expiry.ts';
import { consumeReservation, placeReservation, releaseReservation, requireReservation } from './reservation-ledger.ts';
import { reservationView } from './reservation-view.ts';
import { requireSkus, requireStockLocation } from '../request-checks.ts';
import type { Consumption, NewReservation } from '../schemas.ts';
import type { StockService } from '../stock-service.ts';
import type { ConsumedReservationView, ReservationView } from './reservation-view.ts';

type Deps = { service: StockService; clock: Clock };

/** Holds stock as `reservationId`; a retry under the same id answers with the hold the first one placed. */
export const reserveStock = async (ctx: TenantContext, request: NewReservation, deps: Deps, reservationId?: string): Promise<ReservationView> => {
  await requireStockLocation(ctx, request.locationId, 'write', deps);
  await requireSkus(ctx, request.lines.map((l) => l.skuId), 'body.lines', deps);
  const now = deps.clock.now();
  const hold = {
    reservationId: reservationId ?? newId('reservation', now.getTime()),
    locationId: request.locationId,
    channel: request.channel,
    lines: request.lines,
    expiresAt: new Date(now.getTime() + request.ttlSeconds * 1000),
    reference: request.reference,
    actorId: ctx.userId,
  };
  return withSweepRegistration(ctx.tenantId, (registerForExpiry) => placeReservation(ctx.tenantId, { ...hold, registerForExpiry }, deps));
};

/** A reservation at a location the caller may see (as GET /v1/stock); anything else is not found. */
const visibleReservation = async (ctx: TenantContext, reservationId: string, access: 'read' | 'write', deps: Pick<Deps, 'service'>) => {
  const reservation = await requireReservation(ctx.tenantId, reservationId, deps);
  try {
    await (access === 'read' ? requireLocation(ctx, reservation.locationId, deps) : requireStockLocation(ctx, reservation.locationId, 'write', deps));
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError('reservation');
    throw error;
  }
  return reservation;
};

export const getReservation = async (ctx: TenantContext, reservationId: string, deps: Pick<Deps, 'service'>): Promise<ReservationView> =>
  reservationView(await visibleReservation(ctx, reservationId, 'read', deps));

/**
 * An order's hold (its id shares the order's ULID) ends only with the order: paid, cancelled or
 * expired. Ending it here would leave the order pending on stock it no longer holds.
 */
const refuseOrderHold = (r: { reservationId: string; reference?: string }): void => {
  const order = r.reference?.startsWith(`${ID_PREFIXES.order}_`) ? r.reference.slice(ID_PREFIXES.order.length + 1) : undefined;
  if (order && r.reservationId === `${ID_PREFIXES.reservation}_${order}`)
    throw new DomainError('invalid_state', `This hold belongs to order ${r.reference}: pay or cancel the order instead`, { details: [{ orderId: r.reference }] });
};

export const releaseStock = async (ctx: TenantContext, reservationId: string, deps: Deps): Promise<ReservationView> => {
  refuseOrderHold(await visibleReservation(ctx, reservationId, 'write', deps));
  return releaseReservation(ctx.tenantId, reservationId, deps, ctx.userId);
};

export const consumeStock = async (ctx: TenantContext, reservationId: string, consumption: Consumption, deps: Deps): Promise<ConsumedReservationView> => {
  refuseOrderHold(await visibleReservation(ctx, reservationId, 'write', deps));
  const { reservation, movements } = await consumeReservation(ctx.tenantId, reservationId, deps, { sold: consumption.lines, actorId: ctx.userId, path: 'body.lines' });
  return { ...reservation, movements };
};

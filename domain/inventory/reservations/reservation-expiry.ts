// The expiry sweeper's domain half. A tenant's first reservation in a container puts it in the
// platform-wide sweep registry, in the reservation's own transaction (so a refused reservation
// writes nothing, and no reservation exists whose tenant the sweeper does not know); each run reads the registry, and for every tenant reads its
// expiry index (active reservations only, earliest deadline first) up to now and ends each one
// through expireReservation, whose `status = active` condition makes a concurrent release, payment
// or second sweeper harmless: exactly one of them ends the reservation.
import type { Clock } from '../../shared/clock.ts';
import { forEachConcurrent } from '../../shared/concurrency.ts';
import { expireReservation, type ExpiryCompanion } from './reservation-ledger.ts';
import type { StockService } from '../stock-service.ts';
import type { SweepRegistrationEntity } from './sweep-registration-entity.ts';

/** Per tenant per run: a backlog beyond this is left for the next run rather than the timeout. */
export const MAX_EXPIRED_PER_RUN = 1_000;
const PAGE = 100;
const IN_FLIGHT = 4;

const registered = new Set<string>();

/** Whether this container has yet to register the tenant (a repeat registration is a harmless overwrite). */
export const expiryRegistrationDue = (tenantId: string): boolean => !registered.has(tenantId);
export const expiryRegistered = (tenantId: string): void => void registered.add(tenantId);

export const registeredTenants = async (sweeps: SweepRegistrationEntity): Promise<string[]> => {
  const { data } = await sweeps.query.all({}).go({ pages: 'all', attributes: ['tenantId'] });
  return data.map((r) => r.tenantId);
};

/** Ends the tenant's reservations whose deadline has passed; `lost` ones were ended by someone else first. */
/** `companion` lets a reservation's owner (an order) expire with it, in the same transaction. */
export const expireDueReservations = async (tenantId: string, deps: { service: StockService; clock: Clock }, companion?: ExpiryCompanion): Promise<{ expired: number; lost: number }> => {
  // The index key is `${expiresAt}#${reservationId}`: below the next millisecond is at or before now.
  const justAfterNow = new Date(deps.clock.now().getTime() + 1).toISOString();
  let expired = 0;
  let lost = 0;
  let cursor: string | null = null;
  do {
    const page: { data: { reservationId: string }[]; cursor: string | null } = await deps.service.entities.reservation.query
      .dueForExpiry({ tenantId, status: 'active' })
      .lt({ expiresAt: justAfterNow })
      .go({ limit: PAGE, cursor, attributes: ['reservationId'] });
    await forEachConcurrent(page.data, IN_FLIGHT, async ({ reservationId }) => {
      if (await expireReservation(tenantId, reservationId, deps, companion)) expired++;
      else lost++;
    });
    cursor = page.cursor;
  } while (cursor && expired + lost < MAX_EXPIRED_PER_RUN);
  return { expired, lost };
};

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
const registering = new Map<string, Promise<unknown>>();

/**
 * Runs `place(register)`, where `register` says whether this placement (a reservation, a wallet
 * payment's attempt) must carry the tenant's registration in its transaction: until one such placement has committed in this container, and
 * only one at a time, so concurrent first holds (a flash sale on a cold container) do not all
 * write the same registry item and conflict. The others wait for it; if it is refused, the next
 * one carries the registration instead.
 */
export const withSweepRegistration = async <T>(tenantId: string, place: (register: boolean) => Promise<T>): Promise<T> => {
  for (;;) {
    if (registered.has(tenantId)) return place(false);
    const inFlight = registering.get(tenantId);
    if (inFlight) {
      await inFlight.catch(() => undefined);
      continue;
    }
    const attempt = place(true);
    registering.set(
      tenantId,
      attempt.then(
        () => void registered.add(tenantId),
        () => undefined,
      ).finally(() => registering.delete(tenantId)),
    );
    return attempt;
  }
};

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

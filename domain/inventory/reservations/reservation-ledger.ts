// Reservations on the ledger. A reservation holds units at one location (reserved += q, free -=
// q, never past what the channel may sell); it ends exactly once, released, expired or consumed
// into a sale, and its end gives the units back or sells them, in the same transaction that
// moves its status on from `active`. That condition is what makes a manual release, the expiry
// sweeper and a payment racing for the same reservation safe: one wins, the others find it ended.
// Nothing here checks who the caller is or what the ids name: reservations.ts does, for requests.
import type { Channel } from '../../shared/channels.ts';
import type { Clock } from '../../shared/clock.ts';
import { AlreadyExistsError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { outboxItem } from '../../shared/events/outbox-event.ts';
import { ReservationStateError, ReservedUnderflowError } from '../errors.ts';
import { postStock, type Posting, type PostingResult, type StockChange, type TxEntities, type TxWrite } from '../ledger/ledger.ts';
import type { ReservationItem, ReservationStatus } from './reservation-entity.ts';
import { reservationView, type ReservationLine, type ReservationView } from './reservation-view.ts';
import type { StockService } from '../stock-service.ts';

export const RESERVATION_EXPIRED = 'stock.reservation_expired';

type Deps = { service: StockService; clock: Clock };

export type NewReservation = {
  reservationId: string;
  locationId: string;
  channel: Channel;
  lines: readonly ReservationLine[];
  expiresAt: Date;
  reference?: string;
  actorId?: string;
  /** Also put the tenant in the expiry sweeper's registry, in the same transaction. */
  registerForExpiry?: boolean;
} & Companion;

/**
 * What the owner of a reservation (an order) commits with its placement or end, and the error a
 * failed condition among those items means (their codes, in order).
 */
export type Companion = { extra?: Posting['extra']; refused?: Posting['refused'] };

/** The owner's part of an expiry, for a reservation the sweeper (or a late payment) finds past its deadline. */
export type ExpiryCompanion = (r: ReservationItem) => Promise<Companion | undefined>;

/** The caller's part of a transaction comes after the ledger's own items: hand it its own codes. */
const withCompanion = (own: (e: TxEntities, at: Date) => TxWrite[], mine: (codes: readonly string[]) => Error | undefined, companion: Companion): Pick<Posting, 'extra' | 'refused'> => {
  let count = 0;
  return {
    extra: (e, at) => {
      const items = own(e, at);
      count = items.length;
      return [...items, ...(companion.extra?.(e, at) ?? [])];
    },
    refused: (codes) => (codes.slice(0, count).includes('ConditionalCheckFailed') ? mine(codes) : companion.refused?.(codes.slice(count))),
  };
};

/** Holds the lines, all or none (InsufficientStockError names every short SKU). Repeating a reservation id replays it. */
export const placeReservation = async (tenantId: string, r: NewReservation, deps: Deps): Promise<ReservationView> => {
  const item = (at: Date) => ({
    tenantId,
    reservationId: r.reservationId,
    locationId: r.locationId,
    channel: r.channel,
    lines: r.lines.map(({ skuId, quantity }) => ({ skuId, quantity })),
    status: 'active' as const,
    expiresAt: r.expiresAt.toISOString(),
    createdAt: at.toISOString(),
    reference: r.reference,
    actorId: r.actorId,
  });
  const posted = await postStock(
    {
      tenantId,
      postingId: `${r.reservationId}:reserve`,
      channel: r.channel,
      reference: r.reference,
      actorId: r.actorId,
      changes: r.lines.map((l): StockChange => ({ locationId: r.locationId, skuId: l.skuId, reserved: l.quantity, guard: 'available' })),
      ...withCompanion(
        (e, at) => [
          e.reservation.create(item(at)).commit(),
          ...(r.registerForExpiry ? [e.sweepRegistration.put({ tenantId, registeredAt: at.toISOString() }).commit()] : []),
        ],
        () => new AlreadyExistsError('reservation'),
        r,
      ),
    },
    deps,
  );
  if (!posted.replayed) return reservationView(item(new Date(posted.occurredAt)));
  return reservationView(await requireReservation(tenantId, r.reservationId, deps));
};

export const requireReservation = async (tenantId: string, reservationId: string, { service }: Pick<Deps, 'service'>): Promise<ReservationItem> => {
  const { data } = await service.entities.reservation.get({ tenantId, reservationId }).go({ consistent: true });
  if (!data) throw new NotFoundError('reservation');
  return data;
};

type Ending = { status: Exclude<ReservationStatus, 'active'>; sold?: readonly ReservationLine[]; actorId?: string } & Companion;

/** Ends an active reservation as `ending` says; throws ReservationStateError if it has already ended. */
const endReservation = async (tenantId: string, r: ReservationItem, ending: Ending, deps: Deps): Promise<{ reservation: ReservationView; posting: PostingResult }> => {
  const sold = new Map((ending.sold ?? []).map((l) => [l.skuId, l.quantity]));
  const changes = r.lines.map((l): StockChange => {
    const units = sold.get(l.skuId) ?? 0;
    return units > 0
      ? { locationId: r.locationId, skuId: l.skuId, movement: { type: 'sale', quantity: -units }, reserved: -l.quantity, guard: 'onHand' }
      : { locationId: r.locationId, skuId: l.skuId, reserved: -l.quantity, guard: 'none' };
  });
  const soldLines = ending.sold?.map(({ skuId, quantity }) => ({ skuId, quantity }));
  let closed: ReservationItem | undefined;
  const posting = await postStock(
    {
      tenantId,
      postingId: `${r.reservationId}:${ending.status === 'consumed' ? 'consume' : ending.status === 'expired' ? 'expire' : 'release'}`,
      reference: r.reference,
      actorId: ending.actorId,
      changes,
      ...withCompanion((e, at) => {
        closed = { ...r, status: ending.status, closedAt: at.toISOString(), sold: soldLines };
        return [
          e.reservation
            .patch({ tenantId, reservationId: r.reservationId })
            // expiresAt is restated so ElectroDB can take the reservation out of the expiry index.
            .set({ status: ending.status, closedAt: closed.closedAt, expiresAt: r.expiresAt, ...(soldLines ? { sold: soldLines } : {}) })
            .where((a, { eq }) => eq(a.status, 'active'))
            .commit(),
          ...(ending.status === 'expired'
            ? [e.outboxEvent.create(outboxItem(tenantId, RESERVATION_EXPIRED, { reservationId: r.reservationId, locationId: r.locationId, reference: r.reference ?? null }, at)).commit()]
            : []),
        ];
      }, () => new ReservationStateError('no longer active'), ending),
    },
    deps,
  ).catch(async (error: unknown) => {
    // Someone else ended it between our read and our write (our plan may have seen its units
    // already given back): say how it ended.
    if (!(error instanceof ReservationStateError || error instanceof ReservedUnderflowError)) throw error;
    const now = await requireReservation(tenantId, r.reservationId, deps);
    throw now.status === 'active' ? error : new ReservationStateError(now.status);
  });
  // A replay: the first call ended it (the posting id names the ending), and it is read back.
  const reservation = posting.replayed || !closed ? await requireReservation(tenantId, r.reservationId, deps) : closed;
  return { reservation: reservationView(reservation), posting };
};

/** Gives an active reservation's units back. Releasing a released one again changes nothing. */
export const releaseReservation = async (tenantId: string, reservationId: string, deps: Deps, actorId?: string, companion: Companion = {}): Promise<ReservationView> => {
  const r = await requireReservation(tenantId, reservationId, deps);
  if (r.status === 'released') return reservationView(r);
  if (r.status !== 'active') throw new ReservationStateError(r.status);
  return (await endReservation(tenantId, r, { status: 'released', actorId, ...companion }, deps)).reservation;
};

/**
 * Ends a reservation whose deadline has passed (the sweeper's call). Returns undefined when there
 * was nothing to do: not due yet, or already ended by someone else, which is not an error here.
 */
export const expireReservation = async (tenantId: string, reservationId: string, deps: Deps, companion?: ExpiryCompanion): Promise<ReservationView | undefined> => {
  const r = await requireReservation(tenantId, reservationId, deps);
  if (r.status !== 'active' || r.expiresAt > deps.clock.now().toISOString()) return undefined;
  try {
    const { reservation, posting } = await endReservation(tenantId, r, { status: 'expired', ...(await companion?.(r)) }, deps);
    // A replay means another sweeper expired it a moment ago.
    return posting.replayed ? undefined : reservation;
  } catch (error) {
    if (error instanceof ReservationStateError) return undefined;
    throw error;
  }
};

/**
 * Sells reserved units (the order was paid, the goods handed over): a `sale` movement per SKU
 * sold, and the whole reservation ends, any unsold units going back. `sold` defaults to every
 * line; a line may sell fewer units than it held, never more. A reservation past its deadline
 * cannot be consumed: it is expired there and then, and ReservationStateError says so. Calling
 * again after success is a replay.
 */
export const consumeReservation = async (
  tenantId: string,
  reservationId: string,
  deps: Deps,
  /** `path` names the sold lines in validation details (a request's `body.lines`). */
  options: { sold?: readonly ReservationLine[]; actorId?: string; path?: string; onExpiry?: ExpiryCompanion } & Companion = {},
): Promise<{ reservation: ReservationView; movements: PostingResult['movements'] }> => {
  const r = await requireReservation(tenantId, reservationId, deps);
  const held = new Map(r.lines.map((l) => [l.skuId, l.quantity]));
  const sold = options.sold ?? r.lines;
  const path = options.path ?? 'sold';
  const problems = sold.flatMap((l, i) => {
    const max = held.get(l.skuId);
    if (max === undefined) return [{ path: `${path}.${i}.skuId`, message: 'This SKU is not held by the reservation' }];
    return l.quantity < 0 || l.quantity > max || !Number.isSafeInteger(l.quantity) ? [{ path: `${path}.${i}.quantity`, message: `Between 0 and the ${max} held` }] : [];
  });
  if (new Set(sold.map((l) => l.skuId)).size !== sold.length) problems.push({ path, message: 'Each SKU once' });
  if (problems.length) throw new ValidationError(problems);
  if (r.status === 'consumed') {
    const replay = await endReservation(tenantId, r, { status: 'consumed', sold, actorId: options.actorId, extra: options.extra, refused: options.refused }, deps);
    return { reservation: replay.reservation, movements: replay.posting.movements };
  }
  if (r.status !== 'active') throw new ReservationStateError(r.status);
  if (r.expiresAt <= deps.clock.now().toISOString()) {
    await expireReservation(tenantId, reservationId, deps, options.onExpiry);
    throw new ReservationStateError('expired');
  }
  const { reservation, posting } = await endReservation(tenantId, r, { status: 'consumed', sold, actorId: options.actorId, extra: options.extra, refused: options.refused }, deps);
  return { reservation, movements: posting.movements };
};

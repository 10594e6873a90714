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
import { PostingIdReusedError, ReservationStateError, ReservedUnderflowError } from '../errors.ts';
import { postStock, type PostingResult, type StockChange } from '../ledger/ledger.ts';
import type { ReservationItem, ReservationStatus } from './reservation-entity.ts';
import { reservationView, type ReservationLine, type ReservationView } from './reservation-view.ts';
import type { StockService } from '../stock-service.ts';
import { withCompanion, type Companion } from './companion.ts';
import { failedDraws, holdThroughPools, noteReturned, returnThroughPools, shardGive, shardTake, ShardsClosedError, ShardsShortError } from '../shards/shard-draws.ts';
import { returnsOf, type Draw } from '../shards/shard-plan.ts';

export type { Companion } from './companion.ts';

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

/** The owner's part of an expiry, for a reservation the sweeper (or a late payment) finds past its deadline. */
export type ExpiryCompanion = (r: ReservationItem) => Promise<Companion | undefined>;

const sameHold = (a: Pick<ReservationItem, 'locationId' | 'channel' | 'lines' | 'reference'>, b: NewReservation): boolean => {
  const lines = (l: readonly ReservationLine[]) => JSON.stringify(l.map(({ skuId, quantity }) => [skuId, quantity]).sort());
  return a.locationId === b.locationId && a.channel === b.channel && a.reference === b.reference && lines(a.lines) === lines(b.lines);
};

/**
 * Holds the lines, all or none (InsufficientStockError names every short SKU). Repeating a
 * reservation id replays it. Lines of a SKU in an open flash-sale pool are drawn from the pool's
 * shards rather than the level (shards/shard-draws.ts), in the same transaction.
 */
export const placeReservation = async (tenantId: string, r: NewReservation, deps: Deps): Promise<ReservationView> => (await placeHold(tenantId, r, deps)).reservation;

/** placeReservation, saying whether the hold was placed now or found placed by a first attempt. */
export const placeHold = async (tenantId: string, r: NewReservation, deps: Deps): Promise<{ reservation: ReservationView; replayed: boolean }> => {
  const item = (at: Date, draws: readonly Draw[]) => ({
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
    ...(draws.length ? { draws: draws.map((d) => ({ ...d })) } : {}),
  });
  const drawsAt = r.registerForExpiry ? 2 : 1;
  const attempt = (levelLines: readonly ReservationLine[], pick: () => readonly Draw[]) => {
    let draws: readonly Draw[] = [];
    return postStock(
      {
        tenantId,
        postingId: `${r.reservationId}:reserve`,
        channel: r.channel,
        reference: r.reference,
        actorId: r.actorId,
        changes: levelLines.map((l): StockChange => ({ locationId: r.locationId, skuId: l.skuId, reserved: l.quantity, guard: 'available' })),
        ...withCompanion(
          (e, at) => {
            draws = pick();
            return [
              e.reservation.create(item(at, draws)).commit(),
              ...(r.registerForExpiry ? [e.sweepRegistration.put({ tenantId, registeredAt: at.toISOString() }).commit()] : []),
              ...draws.map((d) => shardTake(e, tenantId, d)),
            ];
          },
          (codes) => (codes[0] === 'ConditionalCheckFailed' ? new AlreadyExistsError('reservation') : new ShardsShortError(failedDraws(codes, drawsAt, draws))),
          r,
        ),
      },
      deps,
    );
  };
  const placed = await holdThroughPools(tenantId, r, deps, attempt).catch(async (error: unknown) => {
    // The first placement may have gone to the level and this one to a pool (or back): the same
    // hold is still a replay.
    if (!(error instanceof PostingIdReusedError)) throw error;
    const { data } = await deps.service.entities.reservation.get({ tenantId, reservationId: r.reservationId }).go({ consistent: true });
    if (data && sameHold(data, r)) return undefined;
    throw error;
  });
  if (placed && !placed.posted.replayed) return { reservation: reservationView(item(new Date(placed.posted.occurredAt), placed.draws)), replayed: false };
  const first = await requireReservation(tenantId, r.reservationId, deps);
  if (!sameHold(first, r)) throw new PostingIdReusedError(`${r.reservationId}:reserve`);
  return { reservation: reservationView(first), replayed: true };
};

export const requireReservation = async (tenantId: string, reservationId: string, { service }: Pick<Deps, 'service'>): Promise<ReservationItem> => {
  const { data } = await service.entities.reservation.get({ tenantId, reservationId }).go({ consistent: true });
  if (!data) throw new NotFoundError('reservation');
  return data;
};

type Ending = { status: Exclude<ReservationStatus, 'active'>; sold?: readonly ReservationLine[]; actorId?: string } & Companion;

/**
 * Ends an active reservation as `ending` says; throws ReservationStateError if it has already ended.
 * A sale is posted on the level; units released or expired go back to the flash-sale shards they
 * were drawn from while those are open (`draws`), to the level otherwise.
 */
const endReservation = async (tenantId: string, r: ReservationItem, ending: Ending, deps: Deps): Promise<{ reservation: ReservationView; posting: PostingResult }> => {
  const sold = new Map((ending.sold ?? []).map((l) => [l.skuId, l.quantity]));
  const draws = ending.status === 'consumed' ? [] : (r.draws ?? []);
  const plan = (closedShards: ReadonlySet<string>) => {
    const { toShards } = returnsOf(draws, closedShards);
    const changes = r.lines.flatMap((l): StockChange[] => {
      const units = sold.get(l.skuId) ?? 0;
      if (units > 0) return [{ locationId: r.locationId, skuId: l.skuId, movement: { type: 'sale', quantity: -units }, reserved: -l.quantity, guard: 'onHand' }];
      const toLevel = l.quantity - toShards.filter((d) => d.skuId === l.skuId).reduce((n, d) => n + d.quantity, 0);
      return toLevel > 0 ? [{ locationId: r.locationId, skuId: l.skuId, reserved: -toLevel, guard: 'none' }] : [];
    });
    return { changes, toShards };
  };
  const soldLines = ending.sold?.map(({ skuId, quantity }) => ({ skuId, quantity }));
  const givesAt = ending.status === 'expired' ? 2 : 1;
  let closed: ReservationItem | undefined;
  const post = (closedShards: ReadonlySet<string>) => {
    const { changes, toShards } = plan(closedShards);
    return postStock(
      {
        tenantId,
        postingId: `${r.reservationId}:${ending.status === 'consumed' ? 'consume' : ending.status === 'expired' ? 'expire' : 'release'}`,
        reference: r.reference,
        actorId: ending.actorId,
        changes,
        ...withCompanion(
          (e, at) => {
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
              ...toShards.map((d) => shardGive(e, tenantId, d)),
            ];
          },
          (codes) => (codes[0] === 'ConditionalCheckFailed' ? new ReservationStateError('no longer active') : new ShardsClosedError(failedDraws(codes, givesAt, toShards))),
          ending,
        ),
      },
      deps,
    );
  };
  const posting = await returnThroughPools(draws, post).catch(async (error: unknown) => {
    // Someone else ended it between our read and our write (our plan may have seen its units
    // already given back, or its shards closed): say how it ended.
    const raced = error instanceof ReservationStateError || error instanceof ReservedUnderflowError || (error instanceof PostingIdReusedError && draws.length > 0);
    if (!raced) throw error;
    const now = await requireReservation(tenantId, r.reservationId, deps);
    throw now.status === 'active' ? error : new ReservationStateError(now.status);
  });
  if (!posting.replayed) noteReturned(draws);
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

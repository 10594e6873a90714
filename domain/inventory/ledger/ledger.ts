// The stock ledger's one write primitive. Every change to stock (a receipt, a sale, a transfer
// leg, a stocktake variance, a reservation and its end) is a posting made here.
//
// Contract of postStock(posting):
// - Atomic: the posting record, the ADDs to each touched level (onHand, reserved, free) each with
//   its ledger line (`lastMove`), a stock.low outbox event when a change crosses a threshold, and
//   the caller's `extra` items commit in one DynamoDB transaction, or nothing does. The line's
//   own movement item is written from the level's stream record (movement-projection.ts), so a
//   line costs no transaction item of its own: the ledger's listings trail the levels by the
//   stream's delay, the levels and the posting record never do.
// - Never oversells: each level's guard (movement-types.ts) is checked on a consistent read and
//   enforced again by the transaction's conditions, so concurrent postings cannot both take the
//   last unit. A short posting throws InsufficientStockError with every short SKU and changes
//   nothing; all-or-nothing across lines and locations.
// - Idempotent: `postingId` is chosen by the caller (a fresh pst_ id for a request, or one derived
//   from what it records, e.g. `${reservationId}:consume`). A posting id that exists already makes
//   nothing and returns the first result (`replayed: true`); with different contents it throws
//   PostingIdReusedError.
// - One change per (location, SKU), and at most 100 items in all (DynamoDB's transaction limit):
//   1 posting + 1 per level + up to 2 events (low, negative) + extra.
// - Retries by itself when a condition fails because another writer got there first (it reads
//   and plans again); a caller sees only a result, a refusal, or StockBusyError after many losses.
import { retryOptimistically, RETRY } from '../../shared/optimistic-retry.ts';
import { createHash } from 'node:crypto';
import type { Channel } from '../../shared/channels.ts';
import type { Clock } from '../../shared/clock.ts';
import { ValidationError } from '../../shared/errors.ts';
import { outboxItem } from '../../shared/events/outbox-event.ts';
import { newId } from '../../shared/ids.ts';
import { InsufficientStockError, PostingIdReusedError, StockBusyError } from '../errors.ts';
import { levelKey, readLevels, readPolicies, type LevelKey } from './level-reads.ts';
import { planLevel, type EffectivePolicy, type LevelPlan, type LevelState, type StockChange } from './ledger-plan.ts';
import { levelWrite } from './level-write.ts';
import { movementView, type MovementView } from './movement-view.ts';
import type { StockService } from '../stock-service.ts';

export type { StockChange } from './ledger-plan.ts';

type WriteFn = Parameters<StockService['transaction']['write']>[0];
export type TxEntities = Parameters<WriteFn>[0];
export type TxWrite = ReturnType<WriteFn>[number];

export const STOCK_LOW = 'stock.low';
/** An unguarded sale (a till's, online or offline) took a level below zero: HQ's cue for a stocktake. */
export const STOCK_NEGATIVE = 'stock.negative';
export const MAX_TRANSACTION_ITEMS = 100;
export const POSTING_ID = /^[A-Za-z0-9_.:-]{1,120}$/;
const MAX_ATTEMPTS = 8;

export type Posting = {
  tenantId: string;
  postingId: string;
  changes: readonly StockChange[];
  /** Whose safety stock an `available` guard keeps back; the till (`pos`, the default) keeps none. */
  channel?: Channel;
  reference?: string;
  actorId?: string;
  /** The caller's own items, committed with the posting; any failed condition among them cancels it. */
  extra?: (e: TxEntities, at: Date) => TxWrite[];
  /** The error a cancellation of the extra items means (their codes, in order); unexplained ones are rethrown. */
  refused?: (codes: readonly string[]) => Error | undefined;
  /**
   * What the first attempt plans from, read by the caller beside its own reads (readPlanInputs,
   * eventually consistent if it likes: the conditions catch a stale read, and a retry reads
   * strongly).
   */
  prefetched?: Promise<PlanInputs>;
  /**
   * The caller's `extra` items already refuse a second posting of this change (an order's create,
   * or its patch conditioned on the version read), so no posting record is written or read: the
   * order is the sale's record. A duplicate then fails on those items and comes back through
   * `refused`, never as a replay.
   */
  recordedByExtra?: boolean;
};

export type PostingResult = {
  postingId: string;
  occurredAt: string;
  replayed: boolean;
  movements: MovementView[];
  /** Levels this posting took to or under their low-stock threshold (announced as stock.low). */
  becameLow: { locationId: string; skuId: string; available: number }[];
  /** Levels this posting took below zero (announced as stock.negative). */
  wentNegative: { locationId: string; skuId: string; onHand: number }[];
};

type Deps = { service: StockService; clock: Clock };

const fingerprintOf = (p: Posting): string =>
  createHash('sha256')
    .update(JSON.stringify([p.channel ?? 'pos', p.reference ?? null, [...p.changes].map((c) => [c.locationId, c.skuId, c.movement?.type, c.movement?.quantity, c.reserved ?? 0, c.guard]).sort()]))
    .digest('base64url')
    .slice(0, 22);

const validate = (p: Posting): void => {
  const problems: { path: string; message: string }[] = [];
  if (!POSTING_ID.test(p.postingId)) problems.push({ path: 'postingId', message: 'letters, digits and _ . : -, at most 120' });
  const seen = new Set<string>();
  p.changes.forEach((c, i) => {
    if (seen.has(levelKey(c))) problems.push({ path: `changes.${i}`, message: 'a posting changes each (location, SKU) once' });
    seen.add(levelKey(c));
    if (c.movement && (!Number.isSafeInteger(c.movement.quantity) || c.movement.quantity === 0)) problems.push({ path: `changes.${i}.movement.quantity`, message: 'a whole number other than 0' });
    if (c.reserved !== undefined && !Number.isSafeInteger(c.reserved)) problems.push({ path: `changes.${i}.reserved`, message: 'a whole number' });
  });
  if (problems.length) throw new ValidationError(problems, 'The posting is not valid');
};

const replay = async (p: Posting, fingerprint: string, { service }: Deps): Promise<PostingResult | undefined> => {
  const { data: first } = await service.entities.stockPosting.get({ tenantId: p.tenantId, postingId: p.postingId }).go({ consistent: true });
  if (!first) return undefined;
  if (first.fingerprint !== fingerprint) throw new PostingIdReusedError(p.postingId);
  const lines = first.movements ?? [];
  const at = { occurredAt: first.occurredAt, postingId: p.postingId, reference: first.reference };
  const movements = lines.every((l) => l.type !== undefined && l.quantity !== undefined)
    ? lines.map((l) => movementView({ ...l, ...at, type: l.type!, quantity: l.quantity! }))
    : await movementsOf(service, p.tenantId, lines);
  return { postingId: p.postingId, occurredAt: first.occurredAt, replayed: true, movements, becameLow: [], wentNegative: [] };
};

/** A posting recorded before its lines were kept on it: its movement items, in the order it gave them. */
const movementsOf = async (service: StockService, tenantId: string, lines: readonly { movementId: string; locationId: string; skuId: string }[]): Promise<MovementView[]> => {
  const keys = lines.map(({ movementId, locationId, skuId }) => ({ tenantId, movementId, locationId, skuId }));
  const { data } = keys.length ? await service.entities.stockMovement.get(keys).go({ consistent: true }) : { data: [] };
  const order = new Map(keys.map((k, i) => [k.movementId, i]));
  return data.map(movementView).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
};

export type PlanInputs = { levels: Map<string, LevelState>; policies: Map<string, EffectivePolicy> };

/** The levels and policies a posting of `keys` plans from; levels strongly consistent unless `eventual`. */
export const readPlanInputs = async ({ service }: Pick<Deps, 'service'>, tenantId: string, keys: readonly LevelKey[], eventual = false): Promise<PlanInputs> => {
  const [levels, policies] = await Promise.all([readLevels(service, tenantId, keys, !eventual), readPolicies(service, tenantId, keys)]);
  return { levels, policies };
};

const plan = async (p: Posting, deps: Deps, prefetched?: Promise<PlanInputs>): Promise<LevelPlan[]> => {
  const { levels, policies } = await (prefetched ?? readPlanInputs(deps, p.tenantId, p.changes));
  const outcomes = p.changes.map((c) => planLevel(c, levels.get(levelKey(c))!, policies.get(levelKey(c))!, p.channel ?? 'pos'));
  const shortfalls = outcomes.flatMap((o) => (o.ok ? [] : [o.shortfall]));
  if (shortfalls.length) throw new InsufficientStockError(shortfalls);
  return outcomes.flatMap((o) => (o.ok ? [o.plan] : []));
};

/** Posts stock changes atomically; see the contract at the top of this file. */
export const postStock = async (p: Posting, deps: Deps): Promise<PostingResult> => {
  validate(p);
  const fingerprint = fingerprintOf(p);
  const { tenantId, postingId } = p;
  const at = deps.clock.now();
  const occurredAt = at.toISOString();
  let prefetched = p.prefetched;
  return retryOptimistically(MAX_ATTEMPTS, () => new StockBusyError(), async () => {
    const [done, plans] = await Promise.all([
      p.recordedByExtra ? undefined : replay(p, fingerprint, deps),
      plan(p, deps, prefetched).catch((error: unknown) => error as Error),
    ]);
    // Only the first attempt plans from the caller's read.
    prefetched = undefined;
    if (done) return done;
    if (plans instanceof Error) {
      // A duplicate that raced its first delivery may find the stock already taken by it.
      if (plans instanceof InsufficientStockError && !p.recordedByExtra) {
        const late = await replay(p, fingerprint, deps);
        if (late) return late;
      }
      throw plans;
    }
    // Ids of one posting share a millisecond; sorted, they list its lines in the order given.
    const ids = p.changes.map(() => newId('movement', at.getTime())).sort();
    const said = { ...(p.reference === undefined ? {} : { reference: p.reference }), ...(p.actorId === undefined ? {} : { actorId: p.actorId }) };
    const moves = new Map(p.changes.flatMap((c, i) => (c.movement ? [[levelKey(c), { movementId: ids[i]!, ...c.movement, occurredAt, postingId, ...said }] as const] : [])));
    const movements = p.changes.flatMap((c) => {
      const move = moves.get(levelKey(c));
      return move ? [{ ...move, locationId: c.locationId, skuId: c.skuId }] : [];
    });
    const becameLow = plans.filter((l) => l.becameLow).map((l) => ({ locationId: l.locationId, skuId: l.skuId, available: l.freeAfter }));
    const wentNegative = plans.filter((l) => l.wentNegative).map((l) => ({ locationId: l.locationId, skuId: l.skuId, onHand: l.onHandAfter }));
    let extraAt = 0;
    let extraCount = 0;
    const { canceled, data } = await deps.service.transaction
      .write((e) => {
        const record = p.recordedByExtra
          ? []
          : [
              e.stockPosting
                .create({ tenantId, postingId, fingerprint, occurredAt, reference: p.reference, actorId: p.actorId, movements: movements.map(({ movementId, locationId, skuId, type, quantity }) => ({ movementId, locationId, skuId, type, quantity })) })
                .commit(),
            ];
        const own = [
          ...record,
          ...plans.map((l) => levelWrite(e, tenantId, l, occurredAt, moves.get(levelKey(l)))),
          ...(becameLow.length ? [e.outboxEvent.create(outboxItem(tenantId, STOCK_LOW, { postingId, levels: becameLow }, at)).commit()] : []),
          ...(wentNegative.length ? [e.outboxEvent.create(outboxItem(tenantId, STOCK_NEGATIVE, { postingId, reference: p.reference ?? null, levels: wentNegative }, at)).commit()] : []),
        ];
        const extra = p.extra?.(e, at) ?? [];
        extraAt = own.length;
        extraCount = extra.length;
        if (own.length + extra.length > MAX_TRANSACTION_ITEMS)
          throw new ValidationError([{ path: 'changes', message: `one posting writes at most ${MAX_TRANSACTION_ITEMS} items; this one needs ${own.length + extra.length}` }], 'The posting is too large');
        return [...own, ...extra];
      })
      .go();
    if (!canceled) return { postingId, occurredAt, replayed: false, movements: movements.map(movementView), becameLow, wentNegative };

    const codes = (data as readonly { code: string }[]).map((d) => d.code);
    if (!p.recordedByExtra && codes[0] === 'ConditionalCheckFailed') {
      const first = await replay(p, fingerprint, deps);
      if (first) return first;
    }
    const extraCodes = codes.slice(extraAt, extraAt + extraCount);
    if (extraCodes.includes('ConditionalCheckFailed')) throw p.refused?.(extraCodes) ?? new Error(`Stock posting ${postingId} refused by its own items: ${JSON.stringify(extraCodes)}`);
    // A level moved between our read and our write (or a writer held it): read and plan again.
    if (codes.includes('ConditionalCheckFailed') || codes.includes('TransactionConflict')) return RETRY;
    throw new Error(`Stock posting ${postingId} canceled: ${JSON.stringify(codes)}`);
  });
};

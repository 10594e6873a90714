// A model of the stock ledger for the property test: what each (location, SKU) should hold, which
// reservations are live, what is in transit, and whether each command must be accepted or refused.
// Commands run against the real ledger (DynamoDB Local) and the model side by side; after each,
// the touched levels must equal the model's, and the command's outcome must be the model's.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Channel } from '../../domain/shared/channels.ts';
import type { MovementType, Guard } from '../../domain/inventory/ledger/movement-types.ts';
import type { Posting, postStock } from '../../domain/inventory/ledger/ledger.ts';
import type { consumeReservation, placeReservation, releaseReservation } from '../../domain/inventory/reservations/reservation-ledger.ts';
import type { expireDueReservations } from '../../domain/inventory/reservations/reservation-expiry.ts';
import type { ManualClock, StockKit } from './stock.ts';

export const LOCATIONS = 2;
export const SKUS = 3;

export type Level = { onHand: number; reserved: number; low: boolean };
export type ModelReservation = { id: string; loc: number; lines: { sku: number; quantity: number }[]; expiresAt: number; status: 'active' | 'released' | 'expired' | 'consumed' };
export type Model = {
  levels: Level[][];
  /** Per location: units online and delivery leave for the till, and the low threshold. */
  policy: { safetyStock: number; lowThreshold: number | null }[];
  reservations: ModelReservation[];
  inTransit: { from: number; to: number; sku: number; quantity: number }[];
  posted: Posting[];
  now: number;
};

export type Ledger = {
  postStock: typeof postStock;
  placeReservation: typeof placeReservation;
  releaseReservation: typeof releaseReservation;
  consumeReservation: typeof consumeReservation;
  expireDueReservations: typeof expireDueReservations;
};

export type Real = { kit: StockKit; clock: ManualClock; ledger: Ledger; tenantId: string; locations: string[]; skus: string[] };

const free = (l: Level) => l.onHand - l.reserved;

/** Applies an accepted change to the model's level, with the low flag the ledger keeps. */
const apply = (m: Model, loc: number, sku: number, dOnHand: number, dReserved: number): boolean => {
  const level = m.levels[loc]![sku]!;
  const wasLow = level.low;
  level.onHand += dOnHand;
  level.reserved += dReserved;
  const t = m.policy[loc]!.lowThreshold;
  level.low = t !== null && free(level) <= t;
  return level.low && !wasLow;
};

/** The real levels of every (location, SKU) equal the model's. */
export const expectLevels = async (m: Model, r: Real) => {
  const real = await r.kit.levels(r.tenantId, r.locations.flatMap((locationId) => r.skus.map((skuId) => ({ locationId, skuId }))));
  const expected = m.levels.flatMap((row) => row.map((l) => ({ onHand: l.onHand, reserved: l.reserved, free: free(l), low: l.low })));
  expect(real).toEqual(expected);
};

const refusal = async (run: () => Promise<unknown>): Promise<string | undefined> => {
  try {
    await run();
    return undefined;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code) throw error;
    return code;
  }
};

type Cmd = fc.AsyncCommand<Model, Real>;
const command = (label: string, check: (m: Model) => boolean, run: (m: Model, r: Real) => Promise<void>): Cmd => ({ check, run: async (m, r) => (await run(m, r), await expectLevels(m, r)), toString: () => label });

const movement = (loc: number, sku: number, type: MovementType, quantity: number, guard: Guard) =>
  command(`${type}(L${loc}, S${sku}, ${quantity})`, () => true, async (m, r) => {
    const level = m.levels[loc]![sku]!;
    const ok = guard === 'available' ? free(level) >= -quantity : guard === 'onHand' ? quantity > 0 || level.onHand >= -quantity : true;
    const posting: Posting = { tenantId: r.tenantId, postingId: r.kit.newId('posting'), changes: [{ locationId: r.locations[loc]!, skuId: r.skus[sku]!, movement: { type, quantity }, guard }] };
    let becameLow: unknown[] = [];
    const code = await refusal(async () => void ({ becameLow } = await r.ledger.postStock(posting, r.kit.deps)));
    expect(code).toBe(ok ? undefined : 'insufficient_stock');
    if (!ok) return;
    m.posted.push(posting);
    const crossed = apply(m, loc, sku, quantity, 0);
    expect(becameLow).toHaveLength(crossed ? 1 : 0);
    if (type === 'transfer_out') m.inTransit.push({ from: loc, to: (loc + 1) % LOCATIONS, sku, quantity: -quantity });
  });

const loc = fc.nat(LOCATIONS - 1);
const sku = fc.nat(SKUS - 1);
const MINUTE = 60_000;

export const stockCommands = [
  fc.tuple(loc, sku, fc.integer({ min: 1, max: 20 })).map(([l, s, q]) => movement(l, s, 'receipt', q, 'none')),
  fc.tuple(loc, sku, fc.integer({ min: 1, max: 12 })).map(([l, s, q]) => movement(l, s, 'sale', -q, 'available')),
  fc.tuple(loc, sku, fc.integer({ min: 1, max: 6 })).map(([l, s, q]) => movement(l, s, 'damage', -q, 'onHand')),
  fc.tuple(loc, sku, fc.integer({ min: -6, max: 6 }).filter((d) => d !== 0)).map(([l, s, d]) => movement(l, s, 'adjustment', d, d > 0 ? 'none' : 'onHand')),
  fc.tuple(loc, sku, fc.integer({ min: 1, max: 10 })).map(([l, s, q]) => movement(l, s, 'transfer_out', -q, 'available')),
  // A stocktake posts the difference between what was counted and what the ledger expected.
  fc.tuple(loc, sku, fc.nat(30)).map(([l, s, counted]) =>
    command(`stocktake(L${l}, S${s}, counted ${counted})`, (m) => m.levels[l]![s]!.onHand !== counted, async (m, r) => {
      await movement(l, s, 'stocktake_variance', counted - m.levels[l]![s]!.onHand, 'onHand').run(m, r);
    }),
  ),
  fc.nat().map((i) =>
    command(`receive transfer #${i}`, (m) => m.inTransit.length > 0, async (m, r) => {
      const [t] = m.inTransit.splice(i % m.inTransit.length, 1);
      await movement(t!.to, t!.sku, 'transfer_in', t!.quantity, 'none').run(m, r);
    }),
  ),
  fc.tuple(loc, fc.constantFrom<Channel>('pos', 'online', 'delivery'), fc.uniqueArray(fc.tuple(sku, fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: SKUS, selector: ([s]) => s }), fc.integer({ min: 1, max: 10 })).map(
    ([l, channel, lines, ttlMinutes]) =>
      command(`reserve(L${l}, ${channel}, ${JSON.stringify(lines)}, ${ttlMinutes} min)`, () => true, async (m, r) => {
        const keep = channel === 'pos' ? 0 : m.policy[l]!.safetyStock;
        const ok = lines.every(([s, q]) => free(m.levels[l]![s]!) - keep >= q);
        const id = r.kit.newId('reservation');
        const expiresAt = m.now + ttlMinutes * MINUTE;
        const placing = { reservationId: id, locationId: r.locations[l]!, channel, lines: lines.map(([s, q]) => ({ skuId: r.skus[s]!, quantity: q })), expiresAt: new Date(expiresAt) };
        expect(await refusal(() => r.ledger.placeReservation(r.tenantId, placing, r.kit.deps))).toBe(ok ? undefined : 'insufficient_stock');
        if (!ok) return;
        for (const [s, q] of lines) apply(m, l, s, 0, q);
        m.reservations.push({ id, loc: l, lines: lines.map(([s, q]) => ({ sku: s, quantity: q })), expiresAt, status: 'active' });
      }),
  ),
  // Several tills reserving the same SKU at once: exactly as many win as there are units.
  fc.tuple(loc, sku, fc.integer({ min: 2, max: 6 })).map(([l, s, n]) =>
    command(`race ${n} reservations of 1 (L${l}, S${s})`, () => true, async (m, r) => {
      const wins = Math.max(0, Math.min(n, free(m.levels[l]![s]!)));
      const placing = () => ({ reservationId: r.kit.newId('reservation'), locationId: r.locations[l]!, channel: 'pos' as const, lines: [{ skuId: r.skus[s]!, quantity: 1 }], expiresAt: new Date(m.now + MINUTE) });
      const outcomes = await Promise.all(Array.from({ length: n }, () => placing()).map(async (p) => ({ p, code: await refusal(() => r.ledger.placeReservation(r.tenantId, p, r.kit.deps)) })));
      expect(outcomes.filter((o) => o.code === undefined)).toHaveLength(wins);
      expect(outcomes.filter((o) => o.code !== undefined).every((o) => o.code === 'insufficient_stock')).toBe(true);
      for (const { p } of outcomes.filter((o) => o.code === undefined)) {
        apply(m, l, s, 0, 1);
        m.reservations.push({ id: p.reservationId, loc: l, lines: [{ sku: s, quantity: 1 }], expiresAt: p.expiresAt.getTime(), status: 'active' });
      }
    }),
  ),
  fc.nat().map((i) =>
    command(`release #${i}`, (m) => m.reservations.length > 0, async (m, r) => {
      const res = m.reservations[i % m.reservations.length]!;
      const code = await refusal(() => r.ledger.releaseReservation(r.tenantId, res.id, r.kit.deps));
      if (res.status === 'active' || res.status === 'released') {
        expect(code).toBeUndefined();
        if (res.status === 'active') for (const l of res.lines) apply(m, res.loc, l.sku, 0, -l.quantity);
        res.status = 'released';
      } else expect(code).toBe('invalid_state');
    }),
  ),
  fc.tuple(fc.nat(), fc.boolean()).map(([i, partly]) =>
    command(`consume #${i}${partly ? ' partly' : ''}`, (m) => m.reservations.some((x) => x.status === 'active'), async (m, r) => {
      const active = m.reservations.filter((x) => x.status === 'active');
      const res = active[i % active.length]!;
      const sold = res.lines.map((l) => ({ sku: l.sku, quantity: partly ? Math.floor(l.quantity / 2) : l.quantity }));
      const overdue = res.expiresAt <= m.now;
      const ok = !overdue && sold.every((l) => m.levels[res.loc]![l.sku]!.onHand >= l.quantity);
      const code = await refusal(() => r.ledger.consumeReservation(r.tenantId, res.id, r.kit.deps, { sold: sold.map((l) => ({ skuId: r.skus[l.sku]!, quantity: l.quantity })) }));
      expect(code).toBe(overdue ? 'invalid_state' : ok ? undefined : 'insufficient_stock');
      if (!ok && !overdue) return;
      for (const [n, l] of res.lines.entries()) apply(m, res.loc, l.sku, overdue ? 0 : -sold[n]!.quantity, -l.quantity);
      res.status = overdue ? 'expired' : 'consumed';
    }),
  ),
  fc.integer({ min: 1, max: 6 * MINUTE }).map((ms) =>
    command(`tick ${Math.round(ms / 1000)} s`, () => true, async (m, r) => {
      m.now += ms;
      r.clock.set(m.now);
    }),
  ),
  fc.constant(
    command('sweep', () => true, async (m, r) => {
      const due = m.reservations.filter((x) => x.status === 'active' && x.expiresAt <= m.now);
      expect(await r.ledger.expireDueReservations(r.tenantId, r.kit.deps)).toEqual({ expired: due.length, lost: 0 });
      for (const res of due) {
        for (const l of res.lines) apply(m, res.loc, l.sku, 0, -l.quantity);
        res.status = 'expired';
      }
    }),
  ),
  // A retried request or a redelivered event: the same posting again changes nothing.
  fc.nat().map((i) =>
    command(`repeat posting #${i}`, (m) => m.posted.length > 0, async (m, r) => {
      const again = await r.ledger.postStock(m.posted[i % m.posted.length]!, r.kit.deps);
      expect(again.replayed).toBe(true);
    }),
  ),
];

/** The whole-ledger invariants: each level is the sum of its movements; reserved is what live reservations hold. */
export const expectInvariants = async (m: Model, r: Real) => {
  for (const [l, locationId] of r.locations.entries()) {
    const live = await r.kit.liveReserved(r.tenantId, locationId);
    for (const [s, skuId] of r.skus.entries()) {
      const level = await r.kit.level(r.tenantId, locationId, skuId);
      expect(await r.kit.ledgerSum(r.tenantId, locationId, skuId)).toBe(level.onHand);
      expect(live.get(skuId) ?? 0).toBe(level.reserved);
      expect(level.free).toBe(level.onHand - level.reserved);
      expect(level.reserved).toBeGreaterThanOrEqual(0);
      expect(level.reserved).toBe(m.reservations.filter((x) => x.status === 'active' && x.loc === l).flatMap((x) => x.lines).filter((x) => x.sku === s).reduce((n, x) => n + x.quantity, 0));
    }
  }
};

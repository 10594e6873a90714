// The pure half of the ledger: given what a fresh read found and what a posting wants, decide
// whether it may go ahead (or which SKUs are short), the deltas to ADD, the low-stock flag, and
// the conditions under which the read is still good enough at write time. The conditions are what
// make the decision safe against concurrent writers: if any fails, the ledger reads and plans again.
import type { Channel } from '../../shared/channels.ts';
import { available, isLow } from './stock-levels.ts';
import type { Guard, MovementType } from './movement-types.ts';
import { ReservedUnderflowError, type Shortfall } from '../errors.ts';

export type LevelState = { exists: boolean; onHand: number; reserved: number; free: number; low: boolean };
export type EffectivePolicy = { safetyStock: number; lowThreshold: number | null };

export const EMPTY_LEVEL: LevelState = { exists: false, onHand: 0, reserved: 0, free: 0, low: false };
export const NO_POLICY: EffectivePolicy = { safetyStock: 0, lowThreshold: null };

/** One (location, SKU)'s part of a posting. */
export type StockChange = {
  locationId: string;
  skuId: string;
  /** A ledger line: `quantity` (signed) of `type` moves onHand. */
  movement?: { type: MovementType; quantity: number };
  /** A signed change to reserved: + when a reservation holds units, - when it lets them go. */
  reserved?: number;
  guard: Guard;
};

/** A condition on the level item, as data; ledger.ts turns it into a DynamoDB condition. */
export type LevelCondition =
  | { attr: 'free' | 'onHand' | 'reserved'; op: 'gte' | 'lte'; value: number }
  | { attr: 'low'; op: 'is'; value: boolean }
  | { attr: 'onHand'; op: 'absent' };

export type LevelPlan = {
  locationId: string;
  skuId: string;
  add: { onHand: number; reserved: number; free: number };
  /** The low flag after this change. */
  low: boolean;
  /** This change takes free stock to or under the threshold from above it: announce stock.low. */
  becameLow: boolean;
  /** Free stock after the change, as planned (exact: the conditions pin it). */
  freeAfter: number;
  /** This change takes onHand below 0 from 0 or above (an unguarded sale): a stocktake is due. */
  wentNegative: boolean;
  onHandAfter: number;
  conditions: LevelCondition[];
};

export type PlanOutcome = { ok: true; plan: LevelPlan } | { ok: false; shortfall: Shortfall };

/** Units the channel leaves for walk-in customers when it takes free stock. */
const keptBack = (guard: Guard, channel: Channel, policy: EffectivePolicy): number =>
  guard === 'available' && channel !== 'pos' ? Math.max(0, policy.safetyStock) : 0;

export const planLevel = (change: StockChange, state: LevelState, policy: EffectivePolicy, channel: Channel): PlanOutcome => {
  const dOnHand = change.movement?.quantity ?? 0;
  const dReserved = change.reserved ?? 0;
  const dFree = dOnHand - dReserved;
  const { locationId, skuId, guard } = change;
  const conditions: LevelCondition[] = [];

  if (guard === 'available' && dFree < 0) {
    const keep = keptBack(guard, channel, policy);
    if (state.free - keep < -dFree)
      return { ok: false, shortfall: { skuId, locationId, requested: -dFree, available: available(state.onHand, state.reserved, channel, keep) } };
    conditions.push({ attr: 'free', op: 'gte', value: keep - dFree });
  }
  if (guard === 'onHand' && dOnHand < 0) {
    if (state.onHand < -dOnHand) return { ok: false, shortfall: { skuId, locationId, requested: -dOnHand, available: Math.max(0, state.onHand) } };
    conditions.push({ attr: 'onHand', op: 'gte', value: -dOnHand });
  }
  if (dReserved < 0) {
    if (state.reserved < -dReserved) throw new ReservedUnderflowError(locationId, skuId, -dReserved, state.reserved);
    conditions.push({ attr: 'reserved', op: 'gte', value: -dReserved });
  }

  // Only an unguarded change can take onHand below 0; pin which side of 0 it lands on, so that of
  // two concurrent sales of the last unit exactly one announces the crossing.
  const onHandAfter = state.onHand + dOnHand;
  const wentNegative = dOnHand < 0 && onHandAfter < 0 && state.onHand >= 0;
  if (guard === 'none' && dOnHand < 0) {
    if (wentNegative) conditions.push({ attr: 'onHand', op: 'gte', value: 0 }, { attr: 'onHand', op: 'lte', value: -dOnHand - 1 });
    else conditions.push(state.onHand >= -dOnHand ? { attr: 'onHand', op: 'gte', value: -dOnHand } : { attr: 'onHand', op: 'lte', value: -1 });
  }

  const freeAfter = state.free + dFree;
  const threshold = policy.lowThreshold;
  const low = threshold !== null && isLow(freeAfter, threshold);
  if (threshold !== null && dFree !== 0)
    // Free stock after the change lands on the planned side of the threshold only if free stock
    // before it is on the planned side of threshold - dFree.
    conditions.push(low ? { attr: 'free', op: 'lte', value: threshold - dFree } : { attr: 'free', op: 'gte', value: threshold - dFree + 1 });
  if (low !== state.low) conditions.push({ attr: 'low', op: 'is', value: state.low });

  // Everything above was planned from zeros: it holds only while the level still does not exist.
  const pinned: LevelCondition[] = state.exists ? conditions : [{ attr: 'onHand', op: 'absent' }];
  return {
    ok: true,
    plan: { locationId, skuId, add: { onHand: dOnHand, reserved: dReserved, free: dFree }, low, becameLow: low && !state.low, freeAfter, wentNegative, onHandAfter, conditions: pinned },
  };
};

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../support/soak.ts';
import { planLevel, EMPTY_LEVEL, NO_POLICY, type LevelState, type StockChange } from '../../domain/inventory/ledger/ledger-plan.ts';
import { signProblem, defaultGuard } from '../../domain/inventory/ledger/movement-types.ts';

const at = { locationId: 'sto_1', skuId: 'sku_1' };
const level = (onHand: number, reserved: number, low = false): LevelState => ({ exists: true, onHand, reserved, free: onHand - reserved, low });
const out = (quantity: number, guard: StockChange['guard'] = 'available'): StockChange => ({ ...at, movement: { type: 'sale', quantity: -quantity }, guard });

describe('planLevel', () => {
  it('takes free stock only down to what the channel keeps back, and says how much there is', () => {
    const policy = { safetyStock: 3, lowThreshold: null };
    const reserve = (q: number): StockChange => ({ ...at, reserved: q, guard: 'available' });
    expect(planLevel(reserve(7), level(12, 2), policy, 'online')).toMatchObject({ ok: true, plan: { add: { onHand: 0, reserved: 7, free: -7 }, conditions: [{ attr: 'free', op: 'gte', value: 10 }] } });
    expect(planLevel(reserve(8), level(12, 2), policy, 'online')).toEqual({ ok: false, shortfall: { ...at, requested: 8, available: 7 } });
    expect(planLevel(reserve(10), level(12, 2), policy, 'pos')).toMatchObject({ ok: true });
  });

  it('refuses a write-off beyond onHand but lets it eat into reserved units', () => {
    const damage = (q: number): StockChange => ({ ...at, movement: { type: 'damage', quantity: -q }, guard: 'onHand' });
    expect(planLevel(damage(4), level(3, 2), NO_POLICY, 'pos')).toEqual({ ok: false, shortfall: { ...at, requested: 4, available: 3 } });
    expect(planLevel(damage(3), level(3, 2), NO_POLICY, 'pos')).toMatchObject({ ok: true, plan: { freeAfter: -2, conditions: [{ attr: 'onHand', op: 'gte', value: 3 }] } });
  });

  it('plans a new level from zeros on the one condition that it still does not exist', () => {
    const receipt: StockChange = { ...at, movement: { type: 'receipt', quantity: 5 }, guard: 'none' };
    expect(planLevel(receipt, EMPTY_LEVEL, { safetyStock: 0, lowThreshold: 6 }, 'pos')).toMatchObject({ ok: true, plan: { low: true, becameLow: true, conditions: [{ attr: 'onHand', op: 'absent' }] } });
    expect(planLevel(out(1), EMPTY_LEVEL, NO_POLICY, 'pos')).toEqual({ ok: false, shortfall: { ...at, requested: 1, available: 0 } });
  });

  it('pins the side of the threshold a change lands on, and flips the low flag only on a crossing', () => {
    const policy = { safetyStock: 0, lowThreshold: 5 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 10 }), fc.boolean(), fc.integer({ min: -15, max: 15 }).filter((d) => d !== 0), (onHand, reserved, wasLow, d) => {
        const change: StockChange = d > 0 ? { ...at, movement: { type: 'receipt', quantity: d }, guard: 'none' } : out(-d, 'none');
        const outcome = planLevel(change, level(onHand, reserved, wasLow), policy, 'pos');
        if (!outcome.ok) throw new Error('guard none never refuses');
        const { plan } = outcome;
        const after = onHand - reserved + d;
        expect(plan.low).toBe(after <= 5);
        expect(plan.becameLow).toBe(after <= 5 && !wasLow);
        // Any free-before that satisfies the conditions lands on the same side as planned.
        for (let before = -20; before <= 60; before++) {
          const holds = plan.conditions.every((c) => c.attr !== 'free' || (c.op === 'gte' ? before >= c.value : c.op === 'lte' ? before <= c.value : true));
          if (holds) expect(before + d <= 5).toBe(plan.low);
        }
      }),
      { numRuns: runs(2000 / 10, 2000) },
    );
  });
});

describe('movement types', () => {
  it('holds each type to its direction and gives outbound sales and transfers the availability guard', () => {
    expect(signProblem('receipt', -1)).toMatch(/positive/);
    expect(signProblem('damage', 2)).toMatch(/negative/);
    expect(signProblem('adjustment', -2)).toBeUndefined();
    expect(signProblem('stocktake_variance', 0)).toMatch(/other than 0/);
    expect(signProblem('sale', -1.5)).toMatch(/whole/);
    expect([defaultGuard('sale', -1), defaultGuard('transfer_out', -1), defaultGuard('damage', -1), defaultGuard('adjustment', 1)]).toEqual(['available', 'available', 'onHand', 'none']);
  });
});

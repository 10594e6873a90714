import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../support/soak.ts';
import { ReplenishmentInput, suggestOrderQuantity } from '../../domain/inventory/replenishment/replenishment.ts';

const base: ReplenishmentInput = {
  dailySales: [10, 10, 10, 10, 10, 10, 10],
  onHand: 30,
  inTransit: 0,
  reserved: 0,
  min: 20,
  max: 100,
  leadTimeDays: 2,
  reviewPeriodDays: 1,
  packSize: 12,
};

describe('suggestOrderQuantity', () => {
  it('orders up to max plus lead-time demand, in whole cases', () => {
    // v = 10; projected = 30 - 10 * 3 = 0 < 20; need 100 + 20 - 30 = 90; 8 cases of 12.
    expect(suggestOrderQuantity(base)).toBe(96);
  });

  it('orders nothing when projected stock stays at or above min', () => {
    expect(suggestOrderQuantity({ ...base, onHand: 60 })).toBe(0);
    expect(suggestOrderQuantity({ ...base, onHand: 50 })).toBe(0); // projected exactly 20
    // projected 19: need 100 + 20 - 49 = 71, 6 cases.
    expect(suggestOrderQuantity({ ...base, onHand: 49 })).toBe(72);
  });

  it('keeps a fractional velocity exact', () => {
    const input = { ...base, dailySales: [1, 2, 2], onHand: 4, min: 5, max: 10, leadTimeDays: 3, packSize: 1 };
    // v = 5/3; need 10 + 5 - 4 = 11.
    expect(suggestOrderQuantity(input)).toBe(11);
    expect(suggestOrderQuantity({ ...input, packSize: 4 })).toBe(12);
    // lead time 2: need 10 + 10/3 - 4 = 9.33, rounded up to 10.
    expect(suggestOrderQuantity({ ...input, leadTimeDays: 2 })).toBe(10);
  });

  it('counts stock in transit and takes reservations off', () => {
    const input = { ...base, dailySales: [], onHand: 10, inTransit: 24, reserved: 5, min: 30, max: 60, packSize: 6 };
    // position 29 < 30; need 31; 6 cases.
    expect(suggestOrderQuantity(input)).toBe(36);
    expect(suggestOrderQuantity({ ...input, reserved: 4 })).toBe(0);
  });

  it('refills from a negative balance left by offline sales', () => {
    expect(suggestOrderQuantity({ ...base, dailySales: [], onHand: -3, min: 0, max: 10, packSize: 5 })).toBe(15);
  });

  it('orders nothing when the shelf cannot take more yet, even below min at the next review', () => {
    // projected 15 - 10 = 5 < 10, but max + 0 - 15 < 0.
    expect(suggestOrderQuantity({ ...base, dailySales: [10], onHand: 15, min: 10, max: 12, leadTimeDays: 0, packSize: 1 })).toBe(0);
  });

  it('looks one review period past the lead time, defaulting to a nightly review', () => {
    const input = { ...base, dailySales: [10], onHand: 25, min: 10, max: 50, leadTimeDays: 1, packSize: 1 };
    expect(suggestOrderQuantity(input)).toBe(35); // 25 - 20 = 5 < 10; 50 + 10 - 25
    const { reviewPeriodDays: _drop, ...noReview } = input;
    expect(suggestOrderQuantity(noReview)).toBe(35);
    expect(suggestOrderQuantity({ ...input, reviewPeriodDays: 0 })).toBe(0); // 25 - 10 = 15 >= 10
    expect(suggestOrderQuantity({ ...input, reviewPeriodDays: 7 })).toBe(35);
  });

  it('refuses a pack size below 1 and min above max', () => {
    expect(() => suggestOrderQuantity({ ...base, packSize: 0 })).toThrow(RangeError);
    expect(() => suggestOrderQuantity({ ...base, min: 101 })).toThrow(RangeError);
  });

  it('schema refuses min above max and fractional quantities', () => {
    expect(ReplenishmentInput.safeParse({ ...base, min: 101 }).error?.issues[0]?.path).toEqual(['min']);
    expect(ReplenishmentInput.safeParse({ ...base, dailySales: [1.5] }).success).toBe(false);
    expect(ReplenishmentInput.safeParse({ ...base, packSize: 0 }).success).toBe(false);
    expect(ReplenishmentInput.safeParse(base).success).toBe(true);
  });
});

describe('replenishment properties', () => {
  const inputArb = fc
    .record({
      dailySales: fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 60 }),
      onHand: fc.integer({ min: -100, max: 5_000 }),
      inTransit: fc.integer({ min: 0, max: 2_000 }),
      reserved: fc.integer({ min: 0, max: 500 }),
      min: fc.integer({ min: 0, max: 2_000 }),
      span: fc.integer({ min: 0, max: 3_000 }),
      leadTimeDays: fc.integer({ min: 0, max: 30 }),
      reviewPeriodDays: fc.integer({ min: 0, max: 14 }),
      packSize: fc.integer({ min: 1, max: 48 }),
    })
    .map(({ span, ...r }): ReplenishmentInput => ({ ...r, max: r.min + span }));
  const RUNS = { numRuns: runs(5000 / 10, 5000) };
  // Exact rationals, scaled by the number of days, as the rule is written in the module comment.
  const scaled = (i: ReplenishmentInput) => {
    const days = Math.max(i.dailySales.length, 1);
    const sold = i.dailySales.reduce((s, q) => s + q, 0);
    const position = i.onHand + i.inTransit - i.reserved;
    return { days, sold, position };
  };

  it('is never negative and always whole cases', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const q = suggestOrderQuantity(i);
        expect(q).toBeGreaterThanOrEqual(0);
        expect(q % i.packSize).toBe(0);
      }),
      RUNS,
    );
  });

  it('is zero when stock at delivery would already be at max', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 1_000 }), (i, extra) => {
        const { days, sold } = scaled(i);
        const leadDemand = Math.ceil((sold * i.leadTimeDays) / days);
        expect(suggestOrderQuantity({ ...i, onHand: i.max + leadDemand + i.reserved - i.inTransit + extra })).toBe(0);
      }),
      RUNS,
    );
  });

  it('never suggests more when there is more on hand or in transit, or less when more is reserved or sold', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 1, max: 500 }), fc.nat(), (i, more, day) => {
        const q = suggestOrderQuantity(i);
        expect(suggestOrderQuantity({ ...i, onHand: i.onHand + more })).toBeLessThanOrEqual(q);
        expect(suggestOrderQuantity({ ...i, inTransit: i.inTransit + more })).toBeLessThanOrEqual(q);
        expect(suggestOrderQuantity({ ...i, reserved: i.reserved + more })).toBeGreaterThanOrEqual(q);
        if (i.dailySales.length > 0) {
          const sales = [...i.dailySales];
          const d = day % sales.length;
          sales[d] = (sales[d] ?? 0) + more;
          expect(suggestOrderQuantity({ ...i, dailySales: sales })).toBeGreaterThanOrEqual(q);
        }
      }),
      RUNS,
    );
  });

  it('orders exactly when projected stock falls below min, landing at max with less than one case over', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const { days, sold, position } = scaled(i);
        const q = suggestOrderQuantity(i);
        const below = position * days - sold * (i.leadTimeDays + (i.reviewPeriodDays ?? 1)) < i.min * days;
        const atDelivery = (position + q) * days - sold * i.leadTimeDays; // scaled by days
        if (!below) expect(q).toBe(0);
        if (q > 0) {
          expect(atDelivery).toBeGreaterThanOrEqual(i.max * days);
          expect(atDelivery - i.packSize * days).toBeLessThan(i.max * days);
        } else if (below) {
          expect(atDelivery).toBeGreaterThanOrEqual(i.max * days);
        }
      }),
      RUNS,
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../support/soak.ts';
import { available, isLow } from '../../domain/inventory/ledger/stock-levels.ts';

describe('available', () => {
  it('sells everything not reserved at the till, ignoring safety stock', () => {
    expect(available(20, 3, 'pos', 5)).toBe(17);
    expect(available(20, 3, 'pos')).toBe(17);
  });

  it.each(['online', 'delivery'] as const)('keeps safety stock back for walk-ins on %s', (channel) => {
    expect(available(20, 3, channel, 5)).toBe(12);
    expect(available(20, 3, channel)).toBe(17);
    expect(available(8, 3, channel, 5)).toBe(0);
    expect(available(7, 3, channel, 5)).toBe(0);
  });

  it('never goes below zero, even when reservations exceed stock', () => {
    expect(available(2, 5, 'pos')).toBe(0);
    expect(available(-4, 0, 'online', 1)).toBe(0);
  });

  it('treats a negative safety stock as none', () => {
    expect(available(10, 0, 'online', -5)).toBe(10);
  });

  it('is never negative, and online never offers more than the till', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000, max: 100_000 }), fc.nat(10_000), fc.nat(1_000), (onHand, reserved, safety) => {
        const pos = available(onHand, reserved, 'pos', safety);
        expect(pos).toBe(Math.max(0, onHand - reserved));
        for (const channel of ['online', 'delivery'] as const) {
          const a = available(onHand, reserved, channel, safety);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(pos);
          expect(a).toBe(Math.max(0, pos - safety));
        }
      }),
      { numRuns: runs(3000 / 10, 3000) },
    );
  });
});

describe('isLow', () => {
  it('is true at and below the threshold', () => {
    expect(isLow(4, 5)).toBe(true);
    expect(isLow(5, 5)).toBe(true);
    expect(isLow(6, 5)).toBe(false);
    expect(isLow(0, 0)).toBe(true);
  });
});

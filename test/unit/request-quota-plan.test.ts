// The lease arithmetic of the request quota (tenants/request-quota/lease-plan.ts): how many of a
// tenant's current-second tokens an instance asks for, and what it asks after a refusal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../support/soak.ts';
import { askAfterRefusal, estimateRate, leaseCap, planLease, RATE_MIN_SPAN_MS } from '../../tenants/request-quota/lease-plan.ts';
import { TIER_QUOTAS } from '../../domain/shared/tiers.ts';

const idle = { limit: 100, taken: 0, waiting: 1, rate: 0, msLeft: 1000 };

describe('leaseCap', () => {
  it('is a quarter of the tier limit, at least one token', () => {
    expect(leaseCap(TIER_QUOTAS.pooled.requestsPerSecond)).toBe(25);
    expect(leaseCap(TIER_QUOTAS.silo.requestsPerSecond)).toBe(250);
    expect(leaseCap(3)).toBe(1);
    expect(leaseCap(1)).toBe(1);
  });
});

describe('estimateRate', () => {
  it("is the last whole second's arrivals, or this second's so far when faster", () => {
    expect(estimateRate({ previousSecond: 20, arrivals: 1, spanMs: 0 })).toBe(20);
    // 16 arrivals over 500 ms: 15 gaps of a thirtieth of a second.
    expect(estimateRate({ previousSecond: 20, arrivals: 16, spanMs: 500 })).toBe(30);
    expect(estimateRate({ previousSecond: 40, arrivals: 16, spanMs: 500 })).toBe(40);
  });

  it('reads no rate from requests that arrived together', () => {
    expect(estimateRate({ previousSecond: 0, arrivals: 120, spanMs: 0 })).toBe(0);
    expect(estimateRate({ previousSecond: 0, arrivals: 27, spanMs: RATE_MIN_SPAN_MS - 1 })).toBe(0);
    expect(estimateRate({ previousSecond: 0, arrivals: 3, spanMs: RATE_MIN_SPAN_MS })).toBe(20);
  });
});

describe('planLease', () => {
  it('starts with one token when the instance has no history', () => {
    expect(planLease(idle)).toBe(1);
  });

  it('grows with the observed rate, for the rest of the second only', () => {
    expect(planLease({ ...idle, rate: 20 })).toBe(20);
    expect(planLease({ ...idle, rate: 20, msLeft: 250 })).toBe(5);
    expect(planLease({ ...idle, rate: 20, msLeft: 10 })).toBe(1);
  });

  it('covers the requests already waiting, within the cap', () => {
    expect(planLease({ ...idle, waiting: 7 })).toBe(7);
    expect(planLease({ ...idle, waiting: 300 })).toBe(25);
    expect(planLease({ ...idle, rate: 1_000 })).toBe(25);
  });

  it('asks no more than is known to remain, and nothing once the second is spent', () => {
    expect(planLease({ ...idle, rate: 50, taken: 90 })).toBe(10);
    expect(planLease({ ...idle, waiting: 30, taken: 99 })).toBe(1);
    expect(planLease({ ...idle, taken: 100 })).toBe(0);
    expect(planLease({ ...idle, taken: 130 })).toBe(0);
  });

  it('always asks between one token and the cap and what remains, covering the waiting within them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 0, max: 2_500 }),
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 5_000, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        (limit, taken, waiting, rate, msLeft) => {
          const lease = planLease({ limit, taken, waiting, rate, msLeft });
          const remaining = limit - taken;
          if (remaining <= 0) return lease === 0;
          return Number.isInteger(lease) && lease >= 1 && lease <= Math.min(leaseCap(limit), remaining) && lease >= Math.min(waiting, leaseCap(limit), remaining);
        },
      ),
      { numRuns: runs(200, 2_000) },
    );
  });
});

describe('askAfterRefusal', () => {
  it('asks for exactly what remains when the refusal says what the counter held', () => {
    expect(askAfterRefusal(25, 100, 90)).toBe(10);
    expect(askAfterRefusal(25, 100, 100)).toBe(0);
    expect(askAfterRefusal(1, 100, 100)).toBe(0);
  });

  it('halves the ask when it does not', () => {
    expect(askAfterRefusal(25, 100, null)).toBe(12);
    expect(askAfterRefusal(1, 100, null)).toBe(0);
  });

  it('always asks less than the refused ask, so refills end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: 1_000 }), fc.option(fc.integer({ min: 0, max: 1_000 })), (asked, limit, found) => {
        const next = askAfterRefusal(asked, limit, found);
        return next >= 0 && next < asked && (found === null || next <= Math.max(0, limit - found));
      }),
      { numRuns: runs(200, 2_000) },
    );
  });
});

// The stock-call limits as pure rules (domain/channels/stock/rate-limit.ts): a token bucket of 5
// a second per app holding 5, one call per store every 2 s, and exponential back-off after a
// throttle; and the units a platform may sell.
import { describe, expect, it } from 'vitest';
import { fullBucket, storeWait, takeToken, throttled, type Bucket } from '../../domain/channels/stock/rate-limit.ts';
import { sellable } from '../../domain/channels/stock/stock-values.ts';
import { meituan } from '../../domain/channels/meituan/adapter.ts';

const limits = meituan.stockLimits;

/** Takes tokens as early as the bucket allows, `n` times from `start`; returns when each was taken. */
const drain = (n: number, start = 0): number[] => {
  let bucket: Bucket = fullBucket(limits, start);
  let now = start;
  const taken: number[] = [];
  while (taken.length < n) {
    const t = takeToken(bucket, now, limits);
    if ('next' in t) {
      bucket = t.next;
      taken.push(now);
    } else now += t.waitMs;
  }
  return taken;
};

describe('the app bucket', () => {
  it('lets a burst of 5 through, then one every 200 ms', () => {
    expect(drain(8)).toEqual([0, 0, 0, 0, 0, 200, 400, 600]);
  });

  it('never lets more than 5 + 5 per second through in any window', () => {
    const taken = drain(40);
    for (let i = 0; i < taken.length; i++) for (let j = i; j < taken.length; j++) expect(j - i + 1).toBeLessThanOrEqual(5 + (5 * (taken[j]! - taken[i]!)) / 1000);
  });

  it('refills while idle, to at most its burst', () => {
    const empty: Bucket = { tokens: 0, refilledAt: 0, blockedUntil: 0, throttles: 0 };
    expect(takeToken(empty, 100, limits)).toEqual({ waitMs: 100 });
    const later = takeToken(empty, 60_000, limits);
    expect('next' in later && later.next.tokens).toBe(4);
  });

  it('after a throttle waits 1 s, 2 s, 4 s ... up to 60 s before anyone calls', () => {
    let bucket = fullBucket(limits, 0);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      bucket = throttled(bucket, 0, limits);
      waits.push(bucket.blockedUntil);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(takeToken(bucket, 59_999, limits)).toEqual({ waitMs: 1 });
  });
});

describe('a store', () => {
  it('calls at most every 2 s', () => {
    expect(storeWait(0, 0, limits)).toBe(2_000);
    expect(storeWait(1_000, 2_500, limits)).toBe(500);
    expect(storeWait(1_000, 3_000, limits)).toBe(0);
  });

  it('offers what is left after holds and safety stock, never below 0 nor above 99,999', () => {
    expect(sellable({ onHand: 20, reserved: 3 }, 2, limits.maxStock)).toBe(15);
    expect(sellable({ onHand: 2, reserved: 3 }, 0, limits.maxStock)).toBe(0);
    expect(sellable({ onHand: 5, reserved: 0 }, 9, limits.maxStock)).toBe(0);
    expect(sellable({ onHand: 200_000, reserved: 0 }, 0, limits.maxStock)).toBe(99_999);
  });
});

// One instance's token blocks (tenants/request-quota/token-leases.ts) against an in-memory
// counter with the DynamoDB counter's semantics: a lease is all or none within the limit, and a
// refusal says what the counter held. The real counter is in test/integration/request-quota-leases.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../support/soak.ts';
import { createTokenLeases, type LeaseTokens } from '../../tenants/request-quota/token-leases.ts';

const LIMIT = 100;
const T0 = Date.parse('2026-11-23T08:00:00.000Z');
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

/** The shared counter of one tenant: tokens leased per second, each lease call and the most in flight at once. */
const fakeCounter = ({ reportCount = true } = {}) => {
  const counts = new Map<number, number>();
  const calls: { second: number; tokens: number; granted: boolean }[] = [];
  let inFlight = 0;
  let peak = 0;
  const lease: LeaseTokens = async (second, tokens) => {
    peak = Math.max(peak, ++inFlight);
    await tick();
    inFlight--;
    const count = counts.get(second) ?? 0;
    const granted = count + tokens <= LIMIT;
    if (granted) counts.set(second, count + tokens);
    calls.push({ second, tokens, granted });
    return { granted, count: granted ? count + tokens : reportCount ? count : null };
  };
  return { lease, counts, calls, peak: () => peak };
};

const admitted = (outcomes: (number | null)[]) => outcomes.filter((o) => o !== null).length;

describe('token leases', () => {
  it('admits exactly the limit of concurrent requests in one instance, refilling one call at a time', async () => {
    const counter = fakeCounter();
    const leases = createTokenLeases();
    const now = () => T0 + 500;
    const outcomes = await Promise.all(Array.from({ length: LIMIT + 20 }, () => leases.take('ten_A', LIMIT, now, counter.lease)));
    expect(admitted(outcomes)).toBe(LIMIT);
    expect(counter.counts.get(T0 / 1000)).toBe(LIMIT);
    // Concurrent refills coalesce: never two in flight, and a handful of blocks rather than 100 writes.
    expect(counter.peak()).toBe(1);
    expect(counter.calls.length).toBeLessThanOrEqual(7);
    // Once the second is known spent, later requests are refused with no call at all.
    const calls = counter.calls.length;
    expect(await leases.take('ten_A', LIMIT, now, counter.lease)).toBeNull();
    expect(counter.calls).toHaveLength(calls);
  });

  it('leases one token to an instance with no history, and starts afresh the next second', async () => {
    const counter = fakeCounter();
    const leases = createTokenLeases();
    expect(await leases.take('ten_A', LIMIT, () => T0 + 100, counter.lease)).not.toBeNull();
    expect(counter.calls).toEqual([{ second: T0 / 1000, tokens: 1, granted: true }]);
    expect(leases.held('ten_A')).toEqual({ second: T0 / 1000, left: 0 });
    expect(await leases.take('ten_A', LIMIT, () => T0 + 1000, counter.lease)).not.toBeNull();
    expect(counter.calls[1]).toMatchObject({ second: T0 / 1000 + 1, granted: true });
  });

  it("costs a steady instance about one lease per second, not one per request", async () => {
    const counter = fakeCounter();
    const leases = createTokenLeases();
    let t = T0;
    const outcomes: (number | null)[] = [];
    // 20 requests a second, one at a time as Lambda serves them, for five seconds.
    for (let i = 0; i < 100; i++, t += 50) outcomes.push(await leases.take('ten_A', LIMIT, () => t, counter.lease));
    expect(admitted(outcomes)).toBe(100);
    expect(counter.calls.length).toBeLessThanOrEqual(8);
    // After the first second, each second is one block sized from the last one's arrivals.
    expect(counter.calls.filter((c) => c.second > T0 / 1000).map((c) => c.tokens)).toEqual([20, 20, 20, 20]);
  });

  it('takes what remains when a lease is refused, whether or not the refusal says how much', async () => {
    for (const reportCount of [true, false]) {
      const counter = fakeCounter({ reportCount });
      const [busy, late] = [createTokenLeases(), createTokenLeases()];
      const now = () => T0 + 500;
      await Promise.all(Array.from({ length: 97 }, () => busy.take('ten_A', LIMIT, now, counter.lease)));
      expect(counter.counts.get(T0 / 1000)).toBe(97);
      // The late instance wants 10: it gets the 3 left, then refuses the rest itself.
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => late.take('ten_A', LIMIT, now, counter.lease)));
      expect(admitted(outcomes)).toBe(3);
      expect(counter.counts.get(T0 / 1000)).toBe(LIMIT);
    }
  });

  it('admits the limit or every request, whichever is fewer, across instances whose requests arrive together', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 999 }), async (demands, ms) => {
        const counter = fakeCounter();
        const instances = demands.map(() => createTokenLeases());
        const now = () => T0 + ms;
        const outcomes = await Promise.all(demands.flatMap((n, i) => Array.from({ length: n }, () => instances[i]!.take('ten_A', LIMIT, now, counter.lease))));
        const leased = counter.counts.get(T0 / 1000) ?? 0;
        const unspent = instances.reduce((sum, l) => sum + (l.held('ten_A')?.left ?? 0), 0);
        expect(leased).toBeLessThanOrEqual(LIMIT);
        expect(admitted(outcomes) + unspent).toBe(leased);
        // Arrivals that come together are no rate: each lease is what waits, so no token is lost.
        expect(unspent).toBe(0);
        expect(admitted(outcomes)).toBe(Math.min(LIMIT, demands.reduce((a, b) => a + b, 0)));
      }),
      { numRuns: runs(40, 400) },
    );
  });

  it('never admits more than the limit in any second when arrivals spread over time and tokens are lost', async () => {
    const arrival = fc.record({ instance: fc.integer({ min: 0, max: 4 }), ms: fc.integer({ min: 0, max: 1_999 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(arrival, { minLength: 1, maxLength: 400 }), async (arrivals) => {
        const counter = fakeCounter();
        const instances = Array.from({ length: 5 }, () => createTokenLeases());
        // One clock for all: it reads the latest arrival so far, so a request that waited reads a later time.
        let clock = T0;
        const outcomes = await Promise.all(
          [...arrivals]
            .sort((a, b) => a.ms - b.ms)
            .map(({ instance, ms }) => {
              clock = T0 + ms;
              return instances[instance]!.take('ten_A', LIMIT, () => clock, counter.lease);
            }),
        );
        const seconds = [T0 / 1000, T0 / 1000 + 1];
        for (const second of seconds) {
          const leased = counter.counts.get(second) ?? 0;
          expect(leased).toBeLessThanOrEqual(LIMIT);
          expect(outcomes.filter((o) => o === second).length).toBeLessThanOrEqual(leased);
        }
        expect(admitted(outcomes)).toBe(outcomes.filter((o) => o !== null && seconds.includes(o)).length);
      }),
      { numRuns: runs(40, 400) },
    );
  });

  it('passes a failed lease to every request waiting on it, and the next request leases again', async () => {
    const leases = createTokenLeases();
    const failing: LeaseTokens = async () => {
      await tick();
      throw new Error('throttled');
    };
    const now = () => T0 + 500;
    const outcomes = await Promise.allSettled(Array.from({ length: 3 }, () => leases.take('ten_A', LIMIT, now, failing)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await leases.take('ten_A', LIMIT, now, fakeCounter().lease)).not.toBeNull();
  });
});

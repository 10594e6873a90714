import { describe, expect, it } from 'vitest';
import { forEachConcurrent } from '../../domain/shared/concurrency.ts';

describe('forEachConcurrent', () => {
  it('visits every item once with at most `limit` in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachConcurrent([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 5 * (n % 3)));
      seen.push(n);
      inFlight--;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });

  it('passes a failure on', async () => {
    await expect(forEachConcurrent([1, 2], 2, async (n) => { if (n === 2) throw new Error('boom'); })).rejects.toThrow('boom');
  });
});

import { describe, expect, it } from 'vitest';
import { weekendAround } from '../../local/seed-pricing.ts';

// Shanghai is UTC+8 all year: Saturday 00:00 there is Friday 16:00 UTC.
describe("the seed's weekend promotion window", () => {
  it.each([
    ['a Tuesday', '2026-11-24T01:00:00.000Z', '2026-11-27T16:00:00.000Z'],
    ['Friday 23:59 in Shanghai', '2026-11-27T15:59:00.000Z', '2026-11-27T16:00:00.000Z'],
    ['Saturday 00:00 in Shanghai', '2026-11-27T16:00:00.000Z', '2026-11-27T16:00:00.000Z'],
    ['Sunday 23:59 in Shanghai', '2026-11-29T15:59:00.000Z', '2026-11-27T16:00:00.000Z'],
    ['Monday 00:00 in Shanghai', '2026-11-29T16:00:00.000Z', '2026-12-04T16:00:00.000Z'],
  ])('on %s is the weekend under way or the next', (_, now, from) => {
    const window = weekendAround(new Date(now));
    expect(window.validFrom).toBe(from);
    expect(Date.parse(window.validTo) - Date.parse(window.validFrom)).toBe(2 * 24 * 3600_000);
  });
});

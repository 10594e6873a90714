import { describe, expect, it } from 'vitest';
import { Cron } from 'croner';
import { toCronerPattern } from '../../local/pollers/scheduler.ts';

describe('AWS cron to croner', () => {
  it('drops the year, turns ? into * and shifts numeric weekdays from 1-7 to 0-6', () => {
    expect(toCronerPattern('0/5 * * * ? *')).toBe('0/5 * * * *');
    expect(toCronerPattern('0 2 ? * 2-6 *')).toBe('0 2 * * 1-5');
    expect(toCronerPattern('30 18 ? * MON-FRI *')).toBe('30 18 * * MON-FRI');
  });

  it('fires when EventBridge would: 02:00 UTC on weekdays', () => {
    const next = new Cron(toCronerPattern('0 2 ? * 2-6 *'), { timezone: 'UTC' }).nextRun(new Date('2026-11-21T12:00:00Z'));
    expect(next?.toISOString()).toBe('2026-11-23T02:00:00.000Z'); // Saturday noon -> Monday 02:00
  });

  it('refuses expressions local schedules cannot honour', () => {
    expect(() => toCronerPattern('0 2 * * ?')).toThrow(/six fields/);
    expect(() => toCronerPattern('0 2 * * ? 2027')).toThrow(/year/);
  });
});

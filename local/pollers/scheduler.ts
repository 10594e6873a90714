// EventBridge schedules, locally: the manifest's AWS cron expressions fire the function with a
// Scheduled Event, as EventBridge would, in UTC.
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { ScheduledEvent } from 'aws-lambda';
import type { FunctionRuntime } from '../function-runtime.ts';
import { LOCAL_REGION } from '../aws-local.ts';
import type { Poller } from './poller.ts';

/**
 * AWS cron is `min hour day-of-month month day-of-week year`, with `?` for "no value" and days of
 * the week numbered 1 (SUN) to 7 (SAT); croner takes five fields with 0 (SUN) to 6 (SAT).
 */
export const toCronerPattern = (aws: string): string => {
  const [minute, hour, dom, month, dow, year] = aws.trim().split(/\s+/);
  if (year === undefined) throw new Error(`AWS cron needs six fields: ${aws}`);
  if (year !== '*') throw new Error(`Local schedules support only "*" for the year: ${aws}`);
  const weekday = (dow ?? '*').replace(/\b([1-7])\b/g, (d) => String(Number(d) - 1));
  return [minute, hour, dom, month, weekday].map((f) => (f === '?' ? '*' : f)).join(' ');
};

export const scheduledEvent = (ruleName: string, at: Date): ScheduledEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region: LOCAL_REGION,
  resources: [`arn:aws:events:${LOCAL_REGION}:000000000000:rule/${ruleName}`],
  detail: {},
});

export const startSchedule = (functionName: string, cron: string, runtime: FunctionRuntime): Poller => {
  let fired = 0;
  let lastError: string | undefined;
  const job = new Cron(toCronerPattern(cron), { timezone: 'UTC', protect: true }, async () => {
    try {
      await runtime.invoke(functionName, scheduledEvent(functionName, new Date()));
      fired += 1;
      lastError = undefined;
    } catch (error) {
      lastError = (error as Error).message;
      console.error(`[schedule:${functionName}] ${lastError}`);
    }
  });
  return {
    name: `schedule:${functionName}`,
    stop: async () => job.stop(),
    health: () => ({ status: job.isStopped() ? 'down' : 'up', lastError, delivered: fired }),
  };
};

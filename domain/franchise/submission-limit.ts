// At most `max` application submissions per code hash, and per source IP, in any window-long
// stretch of time. Counted before the code is checked, so wrong codes are counted too: that is
// what slows down anyone trying codes. A sliding-window counter: this window's count plus the
// previous window's, weighted by how much of it still overlaps the last `windowMs`, so a burst
// cannot double its allowance by straddling a window boundary.
import { DomainError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { FranchiseService } from './franchise-service.ts';

export const SUBMISSION_LIMITS = { perCode: 5, perIp: 20, windowMs: 15 * 60_000 } as const;

export class SubmissionsLimitedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', 'Too many applications; try again later', { details: [{ retryAfterSeconds }] });
  }
}

type Deps = { service: FranchiseService; clock: Clock };

/** Counts one submission for `subject` and returns the sliding-window estimate including it. */
const count = async (subject: string, now: number, expiresAt: number, { service }: Pick<Deps, 'service'>): Promise<number> => {
  const window = Math.floor(now / SUBMISSION_LIMITS.windowMs);
  const overlap = 1 - (now - window * SUBMISSION_LIMITS.windowMs) / SUBMISSION_LIMITS.windowMs;
  const { applicationAttempts } = service.entities;
  // UpdateItem with ADD creates the counter on first use and is atomic under concurrency.
  const [{ data: current }, { data: previous }] = await Promise.all([
    applicationAttempts.update({ subject, window }).add({ count: 1 }).set({ expiresAt }).go({ response: 'all_new' }),
    applicationAttempts.get({ subject, window: window - 1 }).go(),
  ]);
  return (current.count ?? 0) + (previous?.count ?? 0) * overlap;
};

export const countSubmission = async (key: { codeHash: string; sourceIp: string }, deps: Deps): Promise<void> => {
  const now = deps.clock.now().getTime();
  const windowEnd = (Math.floor(now / SUBMISSION_LIMITS.windowMs) + 1) * SUBMISSION_LIMITS.windowMs;
  // Kept through the next window, where it still counts as the previous one.
  const expiresAt = Math.floor((windowEnd + SUBMISSION_LIMITS.windowMs) / 1000);
  const [byCode, byIp] = await Promise.all([
    count(`code#${key.codeHash}`, now, expiresAt, deps),
    count(`ip#${key.sourceIp}`, now, expiresAt, deps),
  ]);
  // By the end of the next window this window no longer counts, so that is the latest a retry
  // can still be refused for what happened now.
  if (byCode > SUBMISSION_LIMITS.perCode || byIp > SUBMISSION_LIMITS.perIp)
    throw new SubmissionsLimitedError(Math.ceil((windowEnd + SUBMISSION_LIMITS.windowMs - now) / 1000));
};

// At most `max` application submissions per code hash, and per source IP, in each fixed window.
// Counted before the code is checked, so wrong codes are counted too: that is what slows down
// anyone trying codes. A fixed window may let up to twice `max` through across a window
// boundary; for a form a person fills in, that is close enough and needs one write per subject.
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

const count = async (subject: string, window: number, expiresAt: number, { service }: Pick<Deps, 'service'>): Promise<number> => {
  // UpdateItem with ADD creates the counter on first use and is atomic under concurrency.
  const { data } = await service.entities.applicationAttempts
    .update({ subject, window })
    .add({ count: 1 })
    .set({ expiresAt })
    .go({ response: 'all_new' });
  return data.count ?? 0;
};

export const countSubmission = async (key: { codeHash: string; sourceIp: string }, deps: Deps): Promise<void> => {
  const now = deps.clock.now().getTime();
  const window = Math.floor(now / SUBMISSION_LIMITS.windowMs);
  const windowEnd = (window + 1) * SUBMISSION_LIMITS.windowMs;
  const expiresAt = Math.floor((windowEnd + SUBMISSION_LIMITS.windowMs) / 1000);
  const [byCode, byIp] = await Promise.all([
    count(`code#${key.codeHash}`, window, expiresAt, deps),
    count(`ip#${key.sourceIp}`, window, expiresAt, deps),
  ]);
  if (byCode > SUBMISSION_LIMITS.perCode || byIp > SUBMISSION_LIMITS.perIp) throw new SubmissionsLimitedError(Math.ceil((windowEnd - now) / 1000));
};

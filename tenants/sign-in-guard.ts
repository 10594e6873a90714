// Sign-in throttling: at most MAX_ATTEMPTS password checks per (tenant, email, source IP) in a
// window that starts with the first attempt. An attempt is counted BEFORE its password is checked,
// by a conditional write that refuses the one past the limit, so concurrent guesses cannot all
// slip through between a read and a write: 50 at once get MAX_ATTEMPTS checks between them.
//
// The count is per source, not per account, on purpose: a per-account limit lets anyone lock the
// owner out from everywhere by guessing wrong passwords from anywhere. We keep no looser
// account-wide limit either, since it would be the same lever, only needing more addresses to
// pull. Guessing spread over many addresses is left to the identity provider's own defences
// (Cognito's threat protection) and the per-tier request quota.
import { DomainError } from '../domain/shared/errors.ts';
import type { Clock } from '../domain/shared/clock.ts';
import { isConditionalCheckFailed } from '../domain/shared/dynamo.ts';
import type { TenancyService } from './store.ts';

export const LOCKOUT: { readonly maxAttempts: number; readonly windowMs: number } = { maxAttempts: 5, windowMs: 15 * 60_000 };

export class SignInLockedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', 'Too many failed sign-ins; try again later', { details: [{ retryAfterSeconds }] });
  }
}

type Deps = { service: TenancyService; clock: Clock };
export type AttemptKey = { tenantId: string; email: string; source: string };

/** Runs `write`; false when its condition failed (the write changed nothing). */
const conditionally = async (write: () => Promise<unknown>): Promise<boolean> => {
  try {
    await write();
    return true;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return false;
  }
};

/** Counts one attempt for `key`, or refuses it with 429 rate_limited when the window is full. */
export const admitAttempt = async (key: AttemptKey, { service, clock }: Deps): Promise<void> => {
  const { signInAttempts } = service.entities;
  const now = clock.now().getTime();
  const windowFrom = now - LOCKOUT.windowMs;
  const expiresAt = Math.floor((now + LOCKOUT.windowMs) / 1000) + 60;
  // Within a live window with room: one more.
  const addToWindow = () =>
    conditionally(() =>
      signInAttempts
        .update(key)
        .add({ attempts: 1 })
        .where((a, { gt, lt }) => `${lt(a.attempts, LOCKOUT.maxAttempts)} AND ${gt(a.windowStartedAt, windowFrom)}`)
        .go({ response: 'none' }),
    );
  // No counter, or its window is over: this attempt opens a new one.
  const openWindow = () =>
    conditionally(() =>
      signInAttempts
        .put({ ...key, attempts: 1, windowStartedAt: now, expiresAt })
        .where((a, { notExists, lte }) => `${notExists(a.windowStartedAt)} OR ${lte(a.windowStartedAt, windowFrom)}`)
        .go({ response: 'none' }),
    );
  // The second addToWindow covers a concurrent attempt that opened the window between our two.
  if ((await addToWindow()) || (await openWindow()) || (await addToWindow())) return;
  const { data } = await signInAttempts.get(key).go({ consistent: true });
  const endsAt = (data?.windowStartedAt ?? now) + LOCKOUT.windowMs;
  throw new SignInLockedError(Math.max(1, Math.ceil((endsAt - now) / 1000)));
};

/** A successful sign-in starts the count afresh, for its own source only. */
export const clearAttempts = async (key: AttemptKey, { service }: Deps): Promise<void> => {
  await service.entities.signInAttempts.delete(key).go();
};

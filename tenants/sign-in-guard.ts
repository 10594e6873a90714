// Lockout after repeated failed sign-ins: MAX_FAILURES within WINDOW lock the (tenant, email) for
// LOCK. A locked sign-in is refused before the password is even checked.
import { DomainError } from '../domain/shared/errors.ts';
import type { Clock } from '../domain/shared/clock.ts';
import type { TenancyService } from './store.ts';

export const LOCKOUT = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

export class SignInLockedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', 'Too many failed sign-ins; try again later', { details: [{ retryAfterSeconds }] });
  }
}

type Deps = { service: TenancyService; clock: Clock };
type Key = { tenantId: string; email: string };

export const assertNotLocked = async (key: Key, { service, clock }: Deps): Promise<void> => {
  const { data } = await service.entities.signInAttempts.get(key).go({ consistent: true });
  const now = clock.now().getTime();
  if (data?.lockedUntil && data.lockedUntil > now) throw new SignInLockedError(Math.ceil((data.lockedUntil - now) / 1000));
};

export const recordFailure = async (key: Key, { service, clock }: Deps): Promise<void> => {
  const { signInAttempts } = service.entities;
  const now = clock.now().getTime();
  const expiresAt = Math.floor((now + LOCKOUT.windowMs + LOCKOUT.lockMs) / 1000);
  const { data: current } = await signInAttempts.get(key).go({ consistent: true });
  if (!current || current.windowStartedAt < now - LOCKOUT.windowMs) {
    await signInAttempts.put({ ...key, failures: 1, windowStartedAt: now, expiresAt }).go();
    return;
  }
  // ADD is atomic, so concurrent failures are all counted.
  const { data } = await signInAttempts.update(key).add({ failures: 1 }).set({ expiresAt }).go({ response: 'all_new' });
  if ((data.failures ?? 0) >= LOCKOUT.maxFailures) await signInAttempts.patch(key).set({ lockedUntil: now + LOCKOUT.lockMs }).go();
};

export const clearFailures = async (key: Key, { service }: Deps): Promise<void> => {
  await service.entities.signInAttempts.delete(key).go();
};

// The platform's stock-call limits as pure rules (docs/delivery-platforms.md §7-§8): a token bucket
// per app (requestsPerSecond, holding at most `burst`), at most one call per store every
// storeIntervalMs, and after a throttle nobody calls until an exponential back-off has passed.
import type { StockLimits } from '../adapter.ts';

export type Bucket = { tokens: number; refilledAt: number; blockedUntil: number; throttles: number };

export const fullBucket = (limits: StockLimits, now: number): Bucket => ({ tokens: limits.burst, refilledAt: now, blockedUntil: 0, throttles: 0 });

/** The bucket once a token is taken at `now`, or how long until one can be. */
export const takeToken = (bucket: Bucket, now: number, limits: StockLimits): { next: Bucket } | { waitMs: number } => {
  if (now < bucket.blockedUntil) return { waitMs: bucket.blockedUntil - now };
  const elapsed = Math.max(0, now - bucket.refilledAt);
  const tokens = Math.min(limits.burst, bucket.tokens + (elapsed * limits.requestsPerSecond) / 1000);
  if (tokens >= 1) return { next: { ...bucket, tokens: tokens - 1, refilledAt: now } };
  return { waitMs: Math.ceil(((1 - tokens) * 1000) / limits.requestsPerSecond) };
};

/** How long a store must still wait after its last call (0: it may call now). */
export const storeWait = (lastCallAt: number, now: number, limits: StockLimits): number => Math.max(0, lastCallAt + limits.storeIntervalMs - now);

/** The bucket after the platform throttled us at `now`: empty, and closed for the next back-off step. */
export const throttled = (bucket: Bucket, now: number, limits: StockLimits): Bucket => ({
  tokens: 0,
  refilledAt: now,
  blockedUntil: now + Math.min(limits.backoffMs.max, limits.backoffMs.first * 2 ** bucket.throttles),
  throttles: bucket.throttles + 1,
});

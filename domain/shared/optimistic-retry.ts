// The one optimistic-concurrency loop: an attempt plans on fresh reads and commits on the
// conditions of what it read; when another writer got there first it answers RETRY, and the loop
// waits a little (full jitter, doubling each time, so racing writers spread out) and tries again.
export const RETRY = Symbol('retry');

const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));

export const retryOptimistically = async <T>(maxAttempts: number, busy: () => Error, attempt: (n: number) => Promise<T | typeof RETRY>): Promise<T> => {
  for (let n = 0; n < maxAttempts; n++) {
    const outcome = await attempt(n);
    if (outcome !== RETRY) return outcome;
    if (n < maxAttempts - 1) await backoff(n);
  }
  throw busy();
};

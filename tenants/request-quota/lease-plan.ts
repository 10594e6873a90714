// How many of a tenant's current-second request tokens one function instance leases at a time.
// Pure arithmetic, data in and data out; tenants/request-quota/token-leases.ts applies it.
//
// The trade-off: a bigger lease means fewer DynamoDB writes (one write per lease, none per
// request), but tokens leased and not spent before the second ends are lost to every other
// instance. So a lease is what the instance expects to spend in the rest of the second, judged
// from its own arrivals (the previous second's, or this second's so far), never less than the
// requests already waiting here and never more than LEASE_SHARE of the limit, so one busy instance
// cannot take the whole second from the others. An instance with no history leases one token.
// Across many instances a tenant may therefore be admitted somewhat fewer requests than its limit
// in a second (what was leased but unspent), never more: leases themselves never pass the limit.

/** At most this share of the tier's limit in one lease. */
export const LEASE_SHARE = 1 / 4;
/**
 * This second's arrivals tell a rate only once they span this long. Requests that arrive together
 * (a burst, or the local cloud's concurrent calls) are served by leasing what is waiting; taken
 * as a rate they would lease for arrivals that may never come.
 */
export const RATE_MIN_SPAN_MS = 100;

/** The largest lease of a tier's limit: LEASE_SHARE of it, at least one token. */
export const leaseCap = (limit: number): number => Math.max(1, Math.floor(limit * LEASE_SHARE));

export type RateSample = {
  /** Requests this instance saw in the second just before this one (0 if it saw none). */
  previousSecond: number;
  /** Requests that have arrived here this second, the waiting ones included. */
  arrivals: number;
  /** Milliseconds from this second's first arrival to its latest. */
  spanMs: number;
};

/** The instance's requests per second: the last whole second's, or this one's so far if faster. */
export const estimateRate = ({ previousSecond, arrivals, spanMs }: RateSample): number =>
  Math.max(previousSecond, spanMs >= RATE_MIN_SPAN_MS ? ((arrivals - 1) * 1000) / spanMs : 0);

export type LeaseInput = {
  /** The tier's requests per second. */
  limit: number;
  /** The tenant-second's counter as last seen: tokens every instance has leased (a lower bound). */
  taken: number;
  /** Requests waiting here for a token now. */
  waiting: number;
  /** This instance's requests per second (estimateRate). */
  rate: number;
  /** Milliseconds left of this second, 1-1000. */
  msLeft: number;
};

/**
 * Tokens to ask for: what the rest of the second should need here, at least the waiting
 * requests, within the cap and what is known to remain. 0 means the second is known to be spent.
 */
export const planLease = ({ limit, taken, waiting, rate, msLeft }: LeaseInput): number => {
  const remaining = limit - taken;
  if (remaining <= 0) return 0;
  const expected = Math.floor((rate * msLeft) / 1000);
  return Math.min(Math.max(waiting, expected, 1), leaseCap(limit), remaining);
};

/**
 * The next ask after a refusal of `asked` tokens. The refusal means the counter stood above
 * `limit - asked`; with the count it stood at (`found`), ask for exactly what remains, else halve.
 * Each ask is smaller than the last, so an instance asks at most `asked` times; 0 means none remain.
 */
export const askAfterRefusal = (asked: number, limit: number, found: number | null): number =>
  found === null ? Math.floor(asked / 2) : Math.max(0, Math.min(asked - 1, limit - found));

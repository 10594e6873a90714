// One function instance's blocks of request tokens, per tenant and second. A request spends a
// token of the block with no DynamoDB call; an empty block is refilled by one conditional update
// of the tenant-second's counter (lease-plan.ts says how many tokens). Lambda serves one request
// at a time per instance, but the local cloud and tests run concurrent calls in one process, so:
// a token is taken synchronously (no await between the check and the spend, so never twice), and
// requests that find the block empty wait on the one refill in flight instead of each starting
// their own. The counter only grows within a second, so once it is known to be spent every
// later request of that second is refused here without asking DynamoDB.
import { askAfterRefusal, estimateRate, planLease } from './lease-plan.ts';

/** What one conditional update answered: granted or not, and the counter after it (or as found), if known. */
export type LeaseAnswer = { granted: boolean; count: number | null };
/** Leases `tokens` of `second` from the shared counter, all or none. */
export type LeaseTokens = (second: number, tokens: number) => Promise<LeaseAnswer>;

type Window = {
  readonly second: number;
  /** Requests that arrived in the second before (0 if this instance did not see that second). */
  readonly previousDemand: number;
  /** Requests that arrived in this second, waiting ones included. */
  demand: number;
  /** When this second's first and latest requests arrived (epoch ms). */
  firstArrivalMs: number;
  lastArrivalMs: number;
  /** Tokens leased here and not yet spent. */
  left: number;
  /** The counter as last seen. */
  taken: number;
  /** The counter is known to hold the whole limit: nothing more can be leased this second. */
  spent: boolean;
  waiting: number;
  refill: Promise<void> | undefined;
};

export type TokenLeases = {
  /**
   * Spends one of `key`'s tokens of the current second, leasing more if the block is empty: the
   * second the token was leased for, or null when that second's limit is spent.
   */
  take: (key: string, limit: number, nowMs: () => number, lease: LeaseTokens) => Promise<number | null>;
  /** The block held for `key`, for tests and metrics. */
  held: (key: string) => { second: number; left: number } | undefined;
};

/** Tenants whose blocks an instance keeps before dropping those older than the previous second. */
const PRUNE_ABOVE = 1_000;

export const createTokenLeases = (): TokenLeases => {
  const windows = new Map<string, Window>();

  const windowAt = (key: string, at: number): Window => {
    const second = Math.floor(at / 1000);
    const current = windows.get(key);
    // A request whose clock reads an earlier second than the block's spends the newer second's
    // token: it is counted there, which keeps every second within its limit.
    if (current && current.second >= second) return current;
    const next: Window = {
      second,
      previousDemand: current?.second === second - 1 ? current.demand : 0,
      demand: 0,
      firstArrivalMs: at,
      lastArrivalMs: at,
      left: 0,
      taken: 0,
      spent: false,
      waiting: 0,
      refill: undefined,
    };
    windows.set(key, next);
    if (windows.size > PRUNE_ABOVE) for (const [k, w] of windows) if (w.second < second - 1) windows.delete(k);
    return next;
  };

  const refill = async (w: Window, at: number, limit: number, lease: LeaseTokens): Promise<void> => {
    const elapsedMs = Math.max(0, Math.min(999, at - w.second * 1000));
    const rate = estimateRate({ previousSecond: w.previousDemand, arrivals: w.demand, spanMs: w.lastArrivalMs - w.firstArrivalMs });
    let tokens = planLease({ limit, taken: w.taken, waiting: w.waiting, rate, msLeft: 1000 - elapsedMs });
    while (tokens > 0) {
      const answer = await lease(w.second, tokens);
      if (answer.granted) {
        w.left += tokens;
        w.taken = Math.max(w.taken + tokens, answer.count ?? 0);
        return;
      }
      if (answer.count !== null) w.taken = Math.max(w.taken, answer.count);
      tokens = askAfterRefusal(tokens, limit, answer.count);
    }
    w.spent = true;
  };

  /** The refill in flight for this block, or a new one; cleared when it settles (never synchronously). */
  const refilling = (w: Window, at: number, limit: number, lease: LeaseTokens): Promise<void> => {
    if (!w.refill) {
      const inFlight = refill(w, at, limit, lease).finally(() => {
        w.refill = undefined;
      });
      w.refill = inFlight;
    }
    return w.refill;
  };

  const take: TokenLeases['take'] = async (key, limit, nowMs, lease) => {
    let arrived = false;
    for (;;) {
      const at = nowMs();
      const w = windowAt(key, at);
      if (!arrived) {
        w.demand += 1;
        w.lastArrivalMs = Math.max(w.lastArrivalMs, at);
        arrived = true;
      }
      if (w.left > 0) {
        w.left -= 1;
        return w.second;
      }
      if (w.spent) return null;
      w.waiting += 1;
      try {
        await refilling(w, at, limit, lease);
      } finally {
        w.waiting -= 1;
      }
    }
  };

  const held: TokenLeases['held'] = (key) => {
    const w = windows.get(key);
    return w && { second: w.second, left: w.left };
  };

  return { take, held };
};

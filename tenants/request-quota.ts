// The per-tier request quota (domain/shared/tiers.ts): a fixed one-second window per tenant,
// counted with one conditional write. The condition refuses the request that would exceed the
// limit, so concurrent Lambda instances share the quota exactly; the refusal writes nothing.
// One item per tenant-second stays far below a partition's write limit at these rates.
import { boundTable } from '../domain/shared/bindings.ts';
import { documentClient, isConditionalCheckFailed } from '../domain/shared/dynamo.ts';
import { DomainError } from '../domain/shared/errors.ts';
import type { Clock } from '../domain/shared/clock.ts';
import { TIER_QUOTAS, type TenantTier } from '../domain/shared/tiers.ts';
import { createRequestCounterEntity } from './entities/request-counter.ts';

export class RateLimitedError extends DomainError {
  constructor(limit: number, tier: TenantTier, retryAfterSeconds: number) {
    super('rate_limited', `The ${tier} tier allows ${limit} requests per second; slow down and retry`, {
      details: [{ quota: 'requestsPerSecond', limit, tier, retryAfterSeconds }],
    });
  }
}

type Counter = ReturnType<typeof createRequestCounterEntity>;
let counter: Counter | undefined;
const counters = (): Counter => (counter ??= createRequestCounterEntity(boundTable('main'), documentClient));

/** Counts one request of `tenantId` or refuses it with 429 rate_limited. */
export const admitRequest = async (tenantId: string, tier: TenantTier, { clock }: { clock: Clock }, entity: Counter = counters()): Promise<void> => {
  const now = clock.now().getTime();
  const second = Math.floor(now / 1000);
  const limit = TIER_QUOTAS[tier].requestsPerSecond;
  try {
    await entity
      .update({ tenantId, second })
      .add({ count: 1 })
      .set({ expiresAt: second + 60 })
      .where(({ count }, { notExists, lt }) => `${notExists(count)} OR ${lt(count, limit)}`)
      .go({ response: 'none' });
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    throw new RateLimitedError(limit, tier, 1);
  }
};

// The per-tier request quota (domain/shared/tiers.ts): a fixed one-second window per tenant. Each
// function instance leases blocks of the tenant's current-second tokens from one shared counter
// (tenants/entities/request-counter.ts) and admits requests from its block with no DynamoDB call,
// so a steady instance pays about one conditional write per block instead of one per request
// (tenants/request-quota/lease-plan.ts sizes blocks and says what that costs). The counter's
// condition keeps every instance's leases, and so every admitted request, within the limit; a
// tenant may be admitted somewhat fewer (tokens leased and unspent when the second ends), never more.
import { boundTable } from '../domain/shared/bindings.ts';
import { documentClient } from '../domain/shared/dynamo.ts';
import { DomainError } from '../domain/shared/errors.ts';
import type { Clock } from '../domain/shared/clock.ts';
import { TIER_QUOTAS, type TenantTier } from '../domain/shared/tiers.ts';
import { createRequestCounterEntity, leaseRequestTokens, type RequestCounterEntity } from './entities/request-counter.ts';
import { createTokenLeases, type TokenLeases } from './request-quota/token-leases.ts';

export { createTokenLeases, type TokenLeases } from './request-quota/token-leases.ts';

export class RateLimitedError extends DomainError {
  constructor(limit: number, tier: TenantTier, retryAfterSeconds: number) {
    super('rate_limited', `The ${tier} tier allows ${limit} requests per second; slow down and retry`, {
      details: [{ quota: 'requestsPerSecond', limit, tier, retryAfterSeconds }],
    });
  }
}

let counter: RequestCounterEntity | undefined;
const counters = (): RequestCounterEntity => (counter ??= createRequestCounterEntity(boundTable('main'), documentClient));

/** This function instance's blocks: one per container, as the SDK clients are. */
const instanceLeases = createTokenLeases();

/**
 * Admits one request of `tenantId` or refuses it with 429 rate_limited. `leases` is the calling
 * instance's lease state (a test simulates several instances with several).
 */
export const admitRequest = async (
  tenantId: string,
  tier: TenantTier,
  { clock, leases = instanceLeases }: { clock: Clock; leases?: TokenLeases },
  entity: RequestCounterEntity = counters(),
): Promise<void> => {
  const limit = TIER_QUOTAS[tier].requestsPerSecond;
  const admitted = await leases.take(tenantId, limit, () => clock.now().getTime(), (second, tokens) =>
    leaseRequestTokens(entity, { tenantId, second, tokens, limit }),
  );
  if (admitted === null) throw new RateLimitedError(limit, tier, 1);
};

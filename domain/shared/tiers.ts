// What each tier may hold. A silo tenant pays for its own table and gets room for a large chain.
import { DomainError } from './errors.ts';

export const TENANT_TIERS = ['pooled', 'silo'] as const;
export type TenantTier = (typeof TENANT_TIERS)[number];

/**
 * Stores and terminals a chain may have, and API requests per second across all its users and
 * terminals (answered 429 rate_limited above it). Terminals: about five per store at the limit.
 */
export const TIER_QUOTAS: Readonly<Record<TenantTier, { stores: number; terminals: number; requestsPerSecond: number }>> = {
  pooled: { stores: 2_000, terminals: 10_000, requestsPerSecond: 100 },
  silo: { stores: 20_000, terminals: 100_000, requestsPerSecond: 1_000 },
};

export class QuotaExceededError extends DomainError {
  constructor(what: string, limit: number, tier: TenantTier) {
    super('quota_exceeded', `The ${tier} tier allows at most ${limit} ${what}`, { details: [{ quota: what, limit, tier }] });
  }
}

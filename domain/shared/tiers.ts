// What each tier may hold. A silo tenant pays for its own table and gets room for a large chain.
import { DomainError } from './errors.ts';

export const TENANT_TIERS = ['pooled', 'silo'] as const;
export type TenantTier = (typeof TENANT_TIERS)[number];

export const TIER_QUOTAS: Readonly<Record<TenantTier, { stores: number }>> = {
  pooled: { stores: 2_000 },
  silo: { stores: 20_000 },
};

export class QuotaExceededError extends DomainError {
  constructor(what: string, limit: number, tier: TenantTier) {
    super('quota_exceeded', `The ${tier} tier allows at most ${limit} ${what}`, { details: [{ quota: what, limit, tier }] });
  }
}

// The tier's terminal quota (domain/shared/tiers.ts). The hard limit is the condition on the
// counter when a terminal registers; this early check spares an engineer a code that cannot work.
import { QuotaExceededError, type TenantTier } from '../shared/tiers.ts';
import type { TerminalService } from './terminal-service.ts';

/** The tenant's tier and how many terminals it allows. */
export type TerminalQuota = (tenantId: string) => Promise<{ tier: TenantTier; limit: number }>;

const registeredTerminals = async (tenantId: string, service: TerminalService): Promise<number> =>
  (await service.entities.terminalCount.get({ tenantId }).go({ consistent: true })).data?.count ?? 0;

export const requireTerminalRoom = async (tenantId: string, { service, quota }: { service: TerminalService; quota: TerminalQuota }) => {
  const [{ tier, limit }, count] = await Promise.all([quota(tenantId), registeredTerminals(tenantId, service)]);
  if (count >= limit) throw new QuotaExceededError('terminals', limit, tier);
};

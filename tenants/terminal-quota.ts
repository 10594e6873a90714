// A tenant's terminal quota, from its tier (domain/shared/tiers.ts). The tier is read from the
// platform directory, cached per container (tenants/data-access.ts), never from a request.
import { TIER_QUOTAS } from '../domain/shared/tiers.ts';
import type { TerminalQuota } from '../domain/terminals/terminal-quota.ts';
import { tenantRoute } from './data-access.ts';

export const terminalQuota: TerminalQuota = async (tenantId) => {
  const { tier } = await tenantRoute(tenantId);
  return { tier, limit: TIER_QUOTAS[tier].terminals };
};

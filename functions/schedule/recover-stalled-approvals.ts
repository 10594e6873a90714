// Every few minutes: puts franchise approvals that died mid-flow back to `submitted`, undoing what
// they made (tenants/franchise/recover-stalled-approvals.ts). The claims are read with the
// function's own platform access; each tenant's records are changed with that tenant's scope.
import { createApprovalClaimEntity } from '../../domain/franchise/approval-claim-entity.ts';
import { createFranchiseService } from '../../domain/franchise/franchise-service.ts';
import { createStoreService } from '../../domain/stores/store-service.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { platformScope, scoped } from '../../tenants/data-access.ts';
import { identityProviderFromEnv } from '../../tenants/identity/identity-provider.ts';
import { createTenancyService } from '../../tenants/store.ts';
import { recoverStalledApprovals } from '../../tenants/franchise/recover-stalled-approvals.ts';
import { logger } from '../middleware/logger.ts';

const platform = platformScope();
const claims = createApprovalClaimEntity(platform.platformTable, platform.client);
const franchises = scoped(createFranchiseService);
const stores = scoped(createStoreService);
const tenancies = scoped(createTenancyService);
const identity = identityProviderFromEnv();

export const handler = async () => {
  const { recovered, failed } = await recoverStalledApprovals({
    claims,
    servicesOf: async (tenantId) => {
      const [franchise, store, tenancy] = await Promise.all([franchises(tenantId), stores(tenantId), tenancies(tenantId)]);
      return { franchise, stores: store, tenancy };
    },
    identity,
    clock: systemClock,
  });
  for (const approval of recovered) logger.warn('Recovered a stalled franchise approval', approval);
  for (const { error, ...approval } of failed) logger.error('Could not recover a stalled franchise approval', { ...approval, error });
  // A failed invocation is what alarms watch; the next run (or the schedule's retry) tries again.
  if (failed.length > 0) throw new Error(`${failed.length} stalled approval(s) not recovered`);
  return { recovered: recovered.length };
};

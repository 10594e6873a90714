// The writes behind the onboarding steps that are not another context's use case: undoing a
// store or a user (with an audit entry saying so, since the trail keeps their creation), removing
// a settlement profile, and the final transition to approved.
import type { Clock } from '../../domain/shared/clock.ts';
import type { TenantContext } from '../../domain/shared/tenancy.ts';
import { auditEntry } from '../../domain/audit/audit.ts';
import { InvalidStateError, transition } from '../../domain/franchise/application-state.ts';
import type { FranchiseService } from '../../domain/franchise/franchise-service.ts';
import type { StoreService } from '../../domain/stores/store-service.ts';
import { ensureStoreCount, uncountStore } from '../../domain/stores/store-quota.ts';
import type { TenancyService } from '../store.ts';

const UNDONE = { reason: 'franchise onboarding undone' } as const;

const assertCommitted = (what: string, result: { canceled: boolean; data: { code?: string }[] }) => {
  if (result.canceled) throw new Error(`${what} transaction canceled: ${JSON.stringify(result.data.map((d) => d.code))}`);
};

export const removeStore = async (ctx: TenantContext, storeId: string, code: string, { stores, clock }: { stores: StoreService; clock: Clock }) => {
  const now = clock.now();
  // The store counted against the quota when it was made; give its room back.
  await ensureStoreCount(ctx.tenantId, { service: stores });
  assertCommitted(
    'Store removal',
    await stores.transaction
      .write(({ store, storeCode, storeCount, auditEntry: a }) => [
        store.delete({ tenantId: ctx.tenantId, storeId }).commit(),
        uncountStore(storeCount, ctx.tenantId),
        storeCode.delete({ tenantId: ctx.tenantId, code }).commit(),
        a.create(auditEntry(ctx, { action: 'store.deleted', targetType: 'store', targetId: storeId, after: UNDONE }, now)).commit(),
      ])
      .go(),
  );
};

export const removeFranchisee = async (ctx: TenantContext, userId: string, email: string, { tenancy, clock }: { tenancy: TenancyService; clock: Clock }) => {
  const now = clock.now();
  assertCommitted(
    'User removal',
    await tenancy.transaction
      .write(({ user, userEmail, auditEntry: a }) => [
        user.delete({ tenantId: ctx.tenantId, userId }).commit(),
        userEmail.delete({ tenantId: ctx.tenantId, email }).commit(),
        a.create(auditEntry(ctx, { action: 'user.deleted', targetType: 'user', targetId: userId, after: UNDONE }, now)).commit(),
      ])
      .go(),
  );
};

export const removeSettlementProfile = async (tenantId: string, storeId: string, { franchise }: { franchise: FranchiseService }) => {
  await franchise.entities.settlementProfile.delete({ tenantId, storeId }).go();
};

export const completeApproval = async (
  ctx: TenantContext,
  applicationId: string,
  made: { storeId: string; userId: string },
  { franchise, clock }: { franchise: FranchiseService; clock: Clock },
) => {
  const { from, to } = transition('approving', 'complete');
  const now = clock.now();
  const { canceled, data } = await franchise.transaction
    .write(({ application, approvalClaim, auditEntry: a }) => [
      application
        .patch({ tenantId: ctx.tenantId, applicationId })
        // The login exists now; the applicant's password is not kept a moment longer.
        .set({ status: to, decidedAt: now.toISOString(), decidedBy: ctx.userId, storeId: made.storeId, userId: made.userId })
        .remove(['passwordCipher'])
        .where((attr, { eq }) => eq(attr.status, from))
        .commit(),
      approvalClaim.delete({ tenantId: ctx.tenantId, applicationId }).commit(),
      a.create(auditEntry(ctx, { action: 'franchise.application.approved', targetType: 'franchiseApplication', targetId: applicationId, before: { status: 'submitted' }, after: { status: to, ...made } }, now)).commit(),
    ])
    .go();
  if (canceled) {
    if (data[0]?.code === 'ConditionalCheckFailed') throw new InvalidStateError('The application changed while it was being approved');
    throw new Error(`Approval transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
  }
};

// An approval runs its steps inside one invocation; if that invocation dies between steps (a
// crash, a timeout) nothing runs the undo, and the application would sit in `approving` forever
// with a half-made store, user or settlement profile. This job finds claims older than any
// invocation can live, removes whatever that approval made (found again by what it is keyed on:
// the store code from the application id, the franchisee by the applicant's email) and puts the
// application back to `submitted`, so HQ can approve or reject it again. Every removal is safe to
// repeat, so a recovery that itself dies is finished by the next run.
import type { Clock } from '../../domain/shared/clock.ts';
import type { TenantContext } from '../../domain/shared/tenancy.ts';
import type { ApprovalClaim, createApprovalClaimEntity } from '../../domain/franchise/approval-claim-entity.ts';
import { releaseApplication } from '../../domain/franchise/approval-claims.ts';
import { InvalidStateError } from '../../domain/franchise/application-state.ts';
import type { FranchiseService } from '../../domain/franchise/franchise-service.ts';
import type { StoreService } from '../../domain/stores/store-service.ts';
import type { TenancyService } from '../store.ts';
import type { IdentityProvider } from '../identity/identity-provider.ts';
import { franchiseStoreCode } from './approve-application.ts';
import { removeFranchisee, removeSettlementProfile, removeStore } from './onboarding-records.ts';

/**
 * How old a claim must be before its approval counts as dead. Far above the approving function's
 * timeout (test/unit/approval-recovery.test.ts holds the manifest to that), so a live approval is
 * never undone under its own feet.
 */
export const STALLED_AFTER_MS = 15 * 60_000;

/** The audit trail's actor for changes no user made. */
export const RECOVERY_ACTOR = 'system:approval-recovery';

export type RecoveryDeps = {
  claims: ReturnType<typeof createApprovalClaimEntity>;
  servicesOf: (tenantId: string) => Promise<{ franchise: FranchiseService; stores: StoreService; tenancy: TenancyService }>;
  identity: Pick<IdentityProvider, 'remove'>;
  clock: Clock;
};

export const stalledClaims = async ({ claims, clock }: Pick<RecoveryDeps, 'claims' | 'clock'>): Promise<ApprovalClaim[]> => {
  const before = new Date(clock.now().getTime() - STALLED_AFTER_MS).toISOString();
  const { data } = await claims.query.byClaimedAt({}).lt({ claimedAt: before }).go({ pages: 'all' });
  return data;
};

const recoverApproval = async ({ tenantId, applicationId }: ApprovalClaim, deps: RecoveryDeps) => {
  const { franchise, stores, tenancy } = await deps.servicesOf(tenantId);
  const ctx: TenantContext = { tenantId, userId: RECOVERY_ACTOR, role: 'hq_admin', storeIds: [] };
  const { data: application } = await franchise.entities.application.get({ tenantId, applicationId }).go({ consistent: true });
  if (application?.status !== 'approving') {
    // Claims change only together with their application, so this is a claim written by hand or
    // by an older version: nothing of the approval to undo, only the claim.
    await franchise.entities.approvalClaim.delete({ tenantId, applicationId }).go();
    return;
  }
  const code = franchiseStoreCode(applicationId);
  const { data: storeCode } = await stores.entities.storeCode.get({ tenantId, code }).go({ consistent: true });
  if (storeCode) {
    const { storeId } = storeCode;
    // Reverse order of the approval's steps, as its own undo would have gone.
    await removeSettlementProfile(tenantId, storeId, { franchise });
    const email = application.applicant.email;
    const { data: login } = await tenancy.entities.userEmail.get({ tenantId, email }).go({ consistent: true });
    const { data: user } = login ? await tenancy.entities.user.get({ tenantId, userId: login.userId }).go({ consistent: true }) : { data: null };
    // Only the franchisee this approval made: an existing user with that email is someone else's.
    if (user?.role === 'franchisee' && user.storeIds?.length === 1 && user.storeIds[0] === storeId) {
      await removeFranchisee(ctx, user.userId, email, { tenancy, clock: deps.clock });
      await deps.identity.remove(user.userId);
    }
    await removeStore(ctx, storeId, code, { stores, clock: deps.clock });
  }
  try {
    await releaseApplication(ctx, applicationId, { service: franchise, clock: deps.clock, audited: 'franchise.application.recovered' });
  } catch (error) {
    // An overlapping run released it first; the removals above found nothing left to remove.
    if (!(error instanceof InvalidStateError)) throw error;
  }
};

/** Recovers every stalled approval; one that fails is logged by the caller and retried next run. */
export const recoverStalledApprovals = async (deps: RecoveryDeps) => {
  const stalled = await stalledClaims(deps);
  const outcomes = await Promise.allSettled(stalled.map((claim) => recoverApproval(claim, deps)));
  return {
    recovered: stalled.filter((_, i) => outcomes[i]!.status === 'fulfilled').map(({ tenantId, applicationId }) => ({ tenantId, applicationId })),
    failed: outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ ...stalled[i]!, error: o.reason as unknown }] : [])),
  };
};

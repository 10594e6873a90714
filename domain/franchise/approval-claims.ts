// Claiming an application for approval and giving the claim back. Each is one transaction of the
// application's status and its claim item (approval-claim-entity.ts), so an application is
// `approving` exactly while a claim for it exists, and a stalled approval can always be found.
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import { transition, type ApplicationStatus } from './application-state.ts';
import { changedUnderUs } from './applications.ts';
import type { FranchiseService } from './franchise-service.ts';

type Deps = { service: FranchiseService; clock: Clock };

const committed = async (ctx: TenantContext, applicationId: string, what: string, result: { canceled: boolean; data: { code?: string }[] }, deps: Deps) => {
  if (!result.canceled) return;
  if (result.data[0]?.code === 'ConditionalCheckFailed') throw await changedUnderUs(ctx, applicationId, deps);
  throw new Error(`${what} transaction canceled: ${JSON.stringify(result.data.map((d) => d.code))}`);
};

/** Moves a `submitted` application (read as `status`) to `approving` and records the claim. */
export const claimApplication = async (ctx: TenantContext, applicationId: string, status: ApplicationStatus, deps: Deps) => {
  const { from, to } = transition(status, 'approve');
  const claimedAt = deps.clock.now().toISOString();
  const result = await deps.service.transaction
    .write(({ application, approvalClaim }) => [
      application
        .patch({ tenantId: ctx.tenantId, applicationId })
        .set({ status: to })
        .where((attr, { eq }) => eq(attr.status, from))
        .commit(),
      approvalClaim.create({ tenantId: ctx.tenantId, applicationId, claimedAt }).commit(),
    ])
    .go();
  await committed(ctx, applicationId, 'Claim', result, deps);
};

/**
 * Moves an `approving` application back to `submitted` and drops its claim: the approval's own
 * undo, or the recovery of a stalled one, which says so in the audit trail.
 */
export const releaseApplication = async (ctx: TenantContext, applicationId: string, deps: Deps & { audited?: string }) => {
  const { from, to } = transition('approving', 'undo');
  const now = deps.clock.now();
  const result = await deps.service.transaction
    .write(({ application, approvalClaim, auditEntry: a }) => [
      application
        .patch({ tenantId: ctx.tenantId, applicationId })
        .set({ status: to })
        .where((attr, { eq }) => eq(attr.status, from))
        .commit(),
      approvalClaim.delete({ tenantId: ctx.tenantId, applicationId }).commit(),
      ...(deps.audited
        ? [a.create(auditEntry(ctx, { action: deps.audited, targetType: 'franchiseApplication', targetId: applicationId, before: { status: from }, after: { status: to } }, now)).commit()]
        : []),
    ])
    .go();
  await committed(ctx, applicationId, 'Release', result, deps);
};

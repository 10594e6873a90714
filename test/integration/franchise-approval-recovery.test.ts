// Approvals that die mid-flow: the invocation ends between two steps, so no undo runs (simulated
// by a step that never returns). The recovery job finds each by its claim once it is older than
// any invocation can live, removes what that approval made and puts the application back to
// `submitted`; a retried approval then succeeds. Runs against DynamoDB Local, through the use case
// and through the scheduled function's real handler.
import { beforeAll, describe, expect, it } from 'vitest';
import { cloud, eventually } from '../support/api.ts';
import { rawItem } from '../support/franchise.ts';
import { onboardingKit } from '../support/onboarding.ts';
import { sharedScope } from '../support/scope.ts';
import type { ApprovalDeps, ApprovalStepId } from '../../tenants/franchise/approve-application.ts';
import type * as Recovery from '../../tenants/franchise/recover-stalled-approvals.ts';
import type { Clock } from '../../domain/shared/clock.ts';

type Kit = Awaited<ReturnType<typeof onboardingKit>>;
let kit: Kit;
let { m, hq, deps, t, liveLogins, submit } = {} as Kit;
let recovery: typeof Recovery;
let recover: (clock: Clock) => ReturnType<typeof Recovery.recoverStalledApprovals>;

const minutesFromNow = (minutes: number): Clock => ({ now: () => new Date(Date.now() + minutes * 60_000) });

/** Starts an approval that stops for good when it reaches `step`; resolves once it has. */
const approvalDyingAt = async (id: string, step: ApprovalStepId, over: Partial<ApprovalDeps> = {}) => {
  let reached!: () => void;
  const stopped = new Promise<void>((resolve) => (reached = resolve));
  const beforeStep = async (s: ApprovalStepId) => {
    if (s !== step) return;
    reached();
    await new Promise<never>(() => undefined);
  };
  void m.approve.approveApplication(hq, id, { ...deps, ...over, beforeStep });
  await stopped;
};

const recoveredIds = (result: Awaited<ReturnType<typeof recover>>) => result.recovered.map((r) => r.applicationId);

const auditActions = async () => {
  const { data } = await deps.franchise.entities.auditEntry.query.byTenant({ tenantId: t.tenantId }).go({ pages: 'all' });
  return data;
};

beforeAll(async () => {
  kit = await onboardingKit('recovery');
  ({ m, hq, deps, t, liveLogins, submit } = kit);
  recovery = await import('../../tenants/franchise/recover-stalled-approvals.ts');
  const { createApprovalClaimEntity } = await import('../../domain/franchise/approval-claim-entity.ts');
  const scope = await sharedScope(cloud().tables.main);
  const claims = createApprovalClaimEntity(scope.platformTable, scope.client);
  const servicesOf = async () => ({ franchise: deps.franchise, stores: deps.stores, tenancy: deps.tenancy });
  recover = (clock) => recovery.recoverStalledApprovals({ claims, servicesOf, identity: deps.identity, clock });
});

describe('recovering approvals that died mid-flow', () => {
  it('waits far longer than the approving function may run', async () => {
    const { manifest } = await import('../../infra/manifest.ts');
    const approving = manifest.functions.approveFranchiseApplication!;
    expect(approving.timeoutSeconds * 1000 * 10).toBeLessThan(recovery.STALLED_AFTER_MS);
    expect(manifest.functions.recoverStalledApprovals?.trigger).toEqual({ type: 'schedule', cron: expect.any(String) });
  });

  it.each(['create-store', 'create-franchisee', 'create-settlement-profile', 'complete-application'] as const)(
    'undoes an approval that died at %s, after 15 minutes and not before',
    async (step) => {
      const { id, input } = await submit();
      const before = await kit.holdings();
      await approvalDyingAt(id, step);
      expect(await rawItem(`${t.tenantId}#application#${id}`, 'application')).toMatchObject({ status: 'approving' });

      expect(recoveredIds(await recover(minutesFromNow(14)))).not.toContain(id);
      expect(await rawItem(`${t.tenantId}#application#${id}`, 'application')).toMatchObject({ status: 'approving' });

      const result = await recover(minutesFromNow(16));
      expect(result.failed).toEqual([]);
      expect(recoveredIds(result)).toContain(id);
      await kit.expectNothingLeft(before, id, input.applicant.email);
      expect((await auditActions()).filter((e) => e.targetId === id).map((e) => e.action)).toContain('franchise.application.recovered');

      expect(recoveredIds(await recover(minutesFromNow(16)))).not.toContain(id);
      const approved = await m.approve.approveApplication(hq, id, deps);
      expect(approved).toMatchObject({ status: 'approved' });
      expect(await rawItem(`${t.tenantId}#application#${id}`, 'approval-claim')).toBeUndefined();
      liveLogins.clear();
    },
  );

  it('has nothing to undo for an approval that died before claiming the application', async () => {
    const { id } = await submit();
    const before = await kit.holdings();
    await approvalDyingAt(id, 'claim-application');
    expect(recoveredIds(await recover(minutesFromNow(16)))).not.toContain(id);
    expect(await kit.holdings()).toEqual(before);
    expect(await rawItem(`${t.tenantId}#application#${id}`, 'application')).toMatchObject({ status: 'submitted' });
  });

  it("keeps another user who has the applicant's email", async () => {
    const first = await submit();
    const approved = await m.approve.approveApplication(hq, first.id, deps);
    liveLogins.clear();
    const { id } = await submit(deps.clock, { email: first.input.applicant.email });
    const before = await kit.holdings();
    await approvalDyingAt(id, 'create-franchisee');
    await recover(minutesFromNow(16));
    expect(await kit.holdings()).toEqual(before);
    expect(await rawItem(`${t.tenantId}#email#${first.input.applicant.email}`, 'email')).toMatchObject({ userId: approved.userId });
    expect(await rawItem(`${t.tenantId}#application#${id}`, 'application')).toMatchObject({ status: 'submitted' });
  });

  it('runs as the scheduled function, with its own bindings', async () => {
    const { id, input } = await submit();
    const before = await kit.holdings();
    // Claimed 20 minutes ago by the wall clock, so the real handler (system clock) takes it.
    await approvalDyingAt(id, 'complete-application', { clock: minutesFromNow(-20) });
    Object.assign(process.env, { TABLE_MAIN: cloud().tables.main, IDENTITY_PROVIDER: 'local' });
    const { handler } = await import('../../functions/schedule/recover-stalled-approvals.ts');
    await handler();
    // The local cloud runs the same schedule, so either run may be the one that released it.
    await eventually(async () => ((await rawItem(`${t.tenantId}#application#${id}`, 'application'))?.status === 'submitted' ? true : undefined));
    liveLogins.clear();
    await kit.expectNothingLeft(before, id, input.applicant.email);
  });
});

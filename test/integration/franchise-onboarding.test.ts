// The onboarding flow at the use-case level against DynamoDB Local: a failure injected at each
// step (and real failures of the identity provider, the cipher and an email clash) leaves no
// store, user, login or settlement profile behind; invitation expiry with a pinned clock.
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationBody, freshSourceIp, rawItem } from '../support/franchise.ts';
import { onboardingKit } from '../support/onboarding.ts';
import type { ApprovalStepId } from '../../tenants/franchise/approve-application.ts';
import type { IdentityProvider } from '../../tenants/identity/identity-provider.ts';
import type { Clock } from '../../domain/shared/clock.ts';

type Kit = Awaited<ReturnType<typeof onboardingKit>>;
let kit: Kit;
let { m, hq, deps, t, regionId, liveLogins, submit } = {} as Kit;

beforeAll(async () => {
  kit = await onboardingKit('onboarding');
  ({ m, hq, deps, t, regionId, liveLogins, submit } = kit);
});

// Listed here because the module can only be imported once the endpoint is set (beforeAll).
const STEPS: ApprovalStepId[] = ['claim-application', 'create-store', 'create-franchisee', 'create-settlement-profile', 'complete-application'];

describe('approval undo', () => {
  it('covers every step of the flow', () => expect(STEPS).toEqual([...m.approve.APPROVAL_STEPS]));

  it.each(STEPS)(
    'leaves nothing behind when %s fails, and a retry then succeeds',
    async (failing) => {
      const { id, input } = await kit.submit();
      const before = await kit.holdings();
      const boom = new Error(`injected failure at ${failing}`);
      await expect(m.approve.approveApplication(hq, id, { ...deps, beforeStep: async (s) => { if (s === failing) throw boom; } })).rejects.toBe(boom);
      await kit.expectNothingLeft(before, id, input.applicant.email);
      const approved = await m.approve.approveApplication(hq, id, deps);
      expect(approved).toMatchObject({ status: 'approved' });
      expect(await rawItem(`${t.tenantId}#store#${approved.storeId}`, 'settlementProfile')).toMatchObject({ accountNoLast4: '0123' });
      liveLogins.clear();
    },
  );

  it('undoes everything when the identity provider refuses the login', async () => {
    const { id, input } = await kit.submit();
    const before = await kit.holdings();
    const identity: IdentityProvider = { ...deps.identity, register: async () => { throw new Error('identity provider down'); } };
    await expect(m.approve.approveApplication(hq, id, { ...deps, identity })).rejects.toThrow('identity provider down');
    await kit.expectNothingLeft(before, id, input.applicant.email);
  });

  it('undoes the store, user and login when the cipher fails at the settlement profile', async () => {
    const { id, input } = await kit.submit();
    const before = await kit.holdings();
    const cipher = { ...deps.cipher, encrypt: async () => { throw new Error('KMS unavailable'); } };
    await expect(m.approve.approveApplication(hq, id, { ...deps, cipher })).rejects.toThrow('KMS unavailable');
    await kit.expectNothingLeft(before, id, input.applicant.email);
  });

  it('undoes the store when the applicant email already belongs to a user (409)', async () => {
    const first = await submit();
    await m.approve.approveApplication(hq, first.id, deps);
    liveLogins.clear();
    const { id } = await submit(deps.clock, { email: first.input.applicant.email });
    const before = await kit.holdings();
    await expect(m.approve.approveApplication(hq, id, deps)).rejects.toMatchObject({ code: 'already_exists' });
    expect(await kit.holdings()).toEqual(before);
    expect(liveLogins.size).toBe(0);
    expect(await rawItem(`${t.tenantId}#storecode#${m.approve.franchiseStoreCode(id)}`, 'storecode')).toBeUndefined();
  });
});

describe('invitation expiry', () => {
  it('takes an application until the invitation expires, and answers not found after', async () => {
    const issued = new Date('2026-03-01T00:00:00.000Z');
    const at = (ms: number): Clock => ({ now: () => new Date(issued.getTime() + ms) });
    const week = 7 * 24 * 3600_000;
    const late = await m.invitations.createInvitation(hq, { regionId }, { service: deps.franchise, clock: at(0) });
    const input = m.request.NewApplication.parse(applicationBody(late.code));
    const before = await kit.holdings();
    await expect(m.submit.submitApplication(input, { sourceIp: freshSourceIp() }, { platform: deps.franchise, franchiseOf: async () => deps.franchise, cipher: deps.cipher, clock: at(week + 1) })).rejects.toMatchObject({ code: 'not_found' });
    expect(await kit.holdings()).toEqual(before);
    expect(await rawItem(`${t.tenantId}#invitation#${late.id}`, 'invitation')).toMatchObject({ status: 'open' });
    const inTime = await m.submit.submitApplication(input, { sourceIp: freshSourceIp() }, { platform: deps.franchise, franchiseOf: async () => deps.franchise, cipher: deps.cipher, clock: at(week - 1000) });
    expect(inTime).toEqual({ id: expect.stringMatching(/^app_/), status: 'submitted' });
  });
});

// The onboarding flow at the use-case level against DynamoDB Local: a failure injected at each
// step (and real failures of the identity provider, the cipher and an email clash) leaves no
// store, user, login or settlement profile behind; invitation expiry with a pinned clock.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { cloud, newTenant, seedStores, type TestTenant } from '../support/api.ts';
import { applicationBody, countsWithoutAttempts, freshSourceIp, rawItem } from '../support/franchise.ts';
import type { ApprovalDeps, ApprovalStepId } from '../../tenants/franchise/approve-application.ts';
import type * as Approve from '../../tenants/franchise/approve-application.ts';
import type * as Submit from '../../tenants/franchise/submit-application.ts';
import type * as Invitations from '../../domain/franchise/invitations.ts';
import type * as Request from '../../tenants/franchise/application-request.ts';
import type { IdentityProvider } from '../../tenants/identity/identity-provider.ts';
import type { TenantContext } from '../../domain/shared/tenancy.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { sharedScope } from '../support/scope.ts';

let t: TestTenant;
let regionId: string;
let hq: TenantContext;
let m: { approve: typeof Approve; submit: typeof Submit; invitations: typeof Invitations; request: typeof Request };
let deps: ApprovalDeps;
/** Logins registered and not undone: what the identity provider still holds. */
const liveLogins = new Set<string>();

beforeAll(async () => {
  t = await newTenant('onboarding');
  ({ regionId } = await seedStores(t, 0));
  hq = { tenantId: t.tenantId, userId: t.adminId, role: 'hq_admin', storeIds: [] };
  // The domain's DynamoDB client is made at import, from the environment, as in Lambda.
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  m = {
    approve: await import('../../tenants/franchise/approve-application.ts'),
    submit: await import('../../tenants/franchise/submit-application.ts'),
    invitations: await import('../../domain/franchise/invitations.ts'),
    request: await import('../../tenants/franchise/application-request.ts'),
  };
  const scope = await sharedScope(cloud().tables.main);
  const { createFranchiseService } = await import('../../domain/franchise/franchise-service.ts');
  const { createStoreService } = await import('../../domain/stores/store-service.ts');
  const { createTenancyService } = await import('../../tenants/store.ts');
  const { createLocalIdentityProvider } = await import('../../tenants/identity/local-identity-provider.ts');
  const { createLocalCipher } = await import('../../domain/shared/crypto/local-cipher.ts');
  const local = createLocalIdentityProvider({});
  const identity: IdentityProvider = {
    ...local,
    register: async (login, password) => {
      const out = await local.register(login, password);
      liveLogins.add(login.userId);
      return { ...out, undo: async () => void liveLogins.delete(login.userId) };
    },
  };
  deps = {
    franchise: createFranchiseService(scope),
    stores: createStoreService(scope),
    tenancy: createTenancyService(scope),
    identity,
    cipher: createLocalCipher(randomBytes(32).toString('base64')),
    clock: { now: () => new Date() },
  };
});

const submit = async (clock: Clock = deps.clock, over: { email?: string } = {}) => {
  const inv = await m.invitations.createInvitation(hq, { regionId }, { service: deps.franchise, clock });
  const input = m.request.NewApplication.parse(applicationBody(inv.code, over));
  const { id } = await m.submit.submitApplication(input, { sourceIp: freshSourceIp() }, { platform: deps.franchise, franchiseOf: async () => deps.franchise, cipher: deps.cipher, clock });
  return { id, input };
};

/** Asserts the tenant holds what it held before (audit entries of the undo aside) and the application waits again. */
const expectNothingLeft = async (before: Record<string, number>, id: string, email: string) => {
  const { auditEntry: _a, ...now } = await countsWithoutAttempts(t.tenantId);
  const { auditEntry: _b, ...then } = before;
  expect(now).toEqual(then);
  expect(liveLogins.size).toBe(0);
  expect(await rawItem(`${t.tenantId}#email#${email}`, 'email')).toBeUndefined();
  expect(await rawItem(`${t.tenantId}#storecode#${m.approve.franchiseStoreCode(id)}`, 'storecode')).toBeUndefined();
  const application = await rawItem(`${t.tenantId}#application#${id}`, 'application');
  expect(application).toMatchObject({ status: 'submitted', passwordCipher: expect.stringMatching(/^local1\./) });
  expect(application).not.toHaveProperty('storeId');
};

// Listed here because the module can only be imported once the endpoint is set (beforeAll).
const STEPS: ApprovalStepId[] = ['claim-application', 'create-store', 'create-franchisee', 'create-settlement-profile', 'complete-application'];

describe('approval undo', () => {
  it('covers every step of the flow', () => expect(STEPS).toEqual([...m.approve.APPROVAL_STEPS]));

  it.each(STEPS)(
    'leaves nothing behind when %s fails, and a retry then succeeds',
    async (failing) => {
      const { id, input } = await submit();
      const before = await countsWithoutAttempts(t.tenantId);
      const boom = new Error(`injected failure at ${failing}`);
      await expect(m.approve.approveApplication(hq, id, { ...deps, beforeStep: async (s) => { if (s === failing) throw boom; } })).rejects.toBe(boom);
      await expectNothingLeft(before, id, input.applicant.email);
      const approved = await m.approve.approveApplication(hq, id, deps);
      expect(approved).toMatchObject({ status: 'approved' });
      expect(await rawItem(`${t.tenantId}#store#${approved.storeId}`, 'settlementProfile')).toMatchObject({ accountNoLast4: '0123' });
      liveLogins.clear();
    },
  );

  it('undoes everything when the identity provider refuses the login', async () => {
    const { id, input } = await submit();
    const before = await countsWithoutAttempts(t.tenantId);
    const identity: IdentityProvider = { ...deps.identity, register: async () => { throw new Error('identity provider down'); } };
    await expect(m.approve.approveApplication(hq, id, { ...deps, identity })).rejects.toThrow('identity provider down');
    await expectNothingLeft(before, id, input.applicant.email);
  });

  it('undoes the store, user and login when the cipher fails at the settlement profile', async () => {
    const { id, input } = await submit();
    const before = await countsWithoutAttempts(t.tenantId);
    const cipher = { ...deps.cipher, encrypt: async () => { throw new Error('KMS unavailable'); } };
    await expect(m.approve.approveApplication(hq, id, { ...deps, cipher })).rejects.toThrow('KMS unavailable');
    await expectNothingLeft(before, id, input.applicant.email);
  });

  it('undoes the store when the applicant email already belongs to a user (409)', async () => {
    const first = await submit();
    await m.approve.approveApplication(hq, first.id, deps);
    liveLogins.clear();
    const { id } = await submit(deps.clock, { email: first.input.applicant.email });
    const before = await countsWithoutAttempts(t.tenantId);
    await expect(m.approve.approveApplication(hq, id, deps)).rejects.toMatchObject({ code: 'already_exists' });
    const { auditEntry: _a, ...now } = await countsWithoutAttempts(t.tenantId);
    const { auditEntry: _b, ...then } = before;
    expect(now).toEqual(then);
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
    const before = await countsWithoutAttempts(t.tenantId);
    await expect(m.submit.submitApplication(input, { sourceIp: freshSourceIp() }, { platform: deps.franchise, franchiseOf: async () => deps.franchise, cipher: deps.cipher, clock: at(week + 1) })).rejects.toMatchObject({ code: 'not_found' });
    expect(await countsWithoutAttempts(t.tenantId)).toEqual(before);
    expect(await rawItem(`${t.tenantId}#invitation#${late.id}`, 'invitation')).toMatchObject({ status: 'open' });
    const inTime = await m.submit.submitApplication(input, { sourceIp: freshSourceIp() }, { platform: deps.franchise, franchiseOf: async () => deps.franchise, cipher: deps.cipher, clock: at(week - 1000) });
    expect(inTime).toEqual({ id: expect.stringMatching(/^app_/), status: 'submitted' });
  });
});

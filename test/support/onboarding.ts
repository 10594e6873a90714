// The franchise onboarding use cases wired to DynamoDB Local for use-case-level tests: a tenant
// with a region, HQ's context, approval deps whose identity provider tracks live logins, and the
// checks that an approval left nothing behind.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { cloud, newTenant, seedStores } from './api.ts';
import { applicationBody, countsWithoutAttempts, freshSourceIp, rawItem } from './franchise.ts';
import { sharedScope } from './scope.ts';
import type { ApprovalDeps } from '../../tenants/franchise/approve-application.ts';
import type { IdentityProvider } from '../../tenants/identity/identity-provider.ts';
import type { TenantContext } from '../../domain/shared/tenancy.ts';
import type { Clock } from '../../domain/shared/clock.ts';

export const onboardingKit = async (prefix: string) => {
  const t = await newTenant(prefix);
  const { regionId } = await seedStores(t, 0);
  const hq: TenantContext = { tenantId: t.tenantId, userId: t.adminId, role: 'hq_admin', storeIds: [] };
  // The domain's DynamoDB client is made at import, from the environment, as in Lambda.
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  const m = {
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
  /** Logins registered and neither undone nor removed: what the identity provider still holds. */
  const liveLogins = new Set<string>();
  const local = createLocalIdentityProvider({ STAGE: 'test' });
  const identity: IdentityProvider = {
    ...local,
    register: async (login, password) => {
      const out = await local.register(login, password);
      liveLogins.add(login.userId);
      return { ...out, undo: async () => void liveLogins.delete(login.userId) };
    },
    remove: async (userId) => void liveLogins.delete(userId),
  };
  const deps: ApprovalDeps = {
    franchise: createFranchiseService(scope),
    stores: createStoreService(scope),
    tenancy: createTenancyService(scope),
    identity,
    cipher: createLocalCipher(randomBytes(32).toString('base64')),
    clock: { now: () => new Date() },
  };

  const submit = async (clock: Clock = deps.clock, over: { email?: string } = {}) => {
    const inv = await m.invitations.createInvitation(hq, { regionId }, { service: deps.franchise, clock });
    const input = m.request.NewApplication.parse(applicationBody(inv.code, over));
    const { id } = await m.submit.submitApplication(input, { sourceIp: freshSourceIp() }, { platform: deps.franchise, franchiseOf: async () => deps.franchise, cipher: deps.cipher, clock });
    return { id, input };
  };

  /** What the tenant holds now, audit entries left out: an undo adds entries saying so. */
  const holdings = async () => {
    const { auditEntry: _audit, ...counts } = await countsWithoutAttempts(t.tenantId);
    return counts;
  };

  /** Asserts the tenant holds what it held `before` and the application waits, unclaimed, again. */
  const expectNothingLeft = async (before: Record<string, number>, id: string, email: string) => {
    expect(await holdings()).toEqual(before);
    expect(liveLogins.size).toBe(0);
    expect(await rawItem(`${t.tenantId}#email#${email}`, 'email')).toBeUndefined();
    expect(await rawItem(`${t.tenantId}#storecode#${m.approve.franchiseStoreCode(id)}`, 'storecode')).toBeUndefined();
    expect(await rawItem(`${t.tenantId}#application#${id}`, 'approval-claim')).toBeUndefined();
    const application = await rawItem(`${t.tenantId}#application#${id}`, 'application');
    expect(application).toMatchObject({ status: 'submitted', passwordCipher: expect.stringMatching(/^local1\./) });
    expect(application).not.toHaveProperty('storeId');
  };

  return { t, regionId, hq, m, deps, liveLogins, submit, holdings, expectNothingLeft };
};

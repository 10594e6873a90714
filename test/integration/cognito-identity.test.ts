// The Cognito identity provider and signup's undo, against a protocol-faithful stand-in for the
// Cognito API (we cannot reach Cognito here) and the real DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { startFakeCognito, type FakeCognito } from '../support/fake-cognito.ts';
import type { IdentityProvider } from '../../tenants/identity/identity-provider.ts';
import { cloud, itemCounts, PASSWORD, uniqueSlug } from '../support/api.ts';
import { sharedScope } from '../support/scope.ts';

const POOL = 'us-east-1_TestPool';
const CLIENT = 'test-client';
let cognito: FakeCognito;
let provider: IdentityProvider;

beforeAll(async () => {
  cognito = await startFakeCognito(POOL, CLIENT);
  // The domain's DynamoDB client is made at import, from the environment, as in Lambda.
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  const { createCognitoIdentityProvider } = await import('../../tenants/identity/cognito-identity-provider.ts');
  const client = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  provider = createCognitoIdentityProvider({ USER_POOL_ID: POOL, USER_POOL_CLIENT_ID: CLIENT }, client);
});
afterAll(async () => cognito?.stop());

const login = (over: Partial<{ userId: string; email: string }> = {}) => ({
  tenantId: 'ten_01JC0000000000000000000000',
  userId: `usr_01JC${Math.random().toString(36).slice(2, 12).toUpperCase().padEnd(22, '0')}`.slice(0, 30),
  email: 'admin@chain.example',
  role: 'hq_admin' as const,
  storeIds: ['sto_1', 'sto_2'],
  ...over,
});

describe('Cognito identity provider', () => {
  it('registers a confirmed login keyed by user id with the tenant attributes', async () => {
    const l = login();
    await provider.register(l, PASSWORD);
    expect(cognito.users.get(l.userId)).toEqual({
      status: 'CONFIRMED',
      password: PASSWORD,
      attributes: { email: l.email, email_verified: 'true', 'custom:tenantId': l.tenantId, 'custom:role': 'hq_admin', 'custom:storeIds': 'sto_1,sto_2' },
    });
  });

  it('signs in with the right password only, and answers unknown users without a token', async () => {
    const l = login();
    await provider.register(l, PASSWORD);
    const caller = { ipAddress: '203.0.113.7', serverName: 'api.example', serverPath: '/v1/auth/token', headers: { 'user-agent': 'pos/1.0', authorization: 'Bearer secret', cookie: 'c=1' } };
    expect(await provider.signIn(l, PASSWORD, caller)).toEqual({ accessToken: `cognito-access.${l.userId}`, tokenType: 'Bearer', expiresIn: 3600 });
    // Threat protection sees the caller, never its credentials.
    expect(cognito.lastRequest.get('AdminInitiateAuth')?.ContextData).toEqual({
      IpAddress: '203.0.113.7',
      ServerName: 'api.example',
      ServerPath: '/v1/auth/token',
      HttpHeaders: [{ headerName: 'user-agent', headerValue: 'pos/1.0' }],
    });
    expect(await provider.signIn(l, 'Wrong-password-1')).toBeUndefined();
    expect(await provider.signIn(undefined, PASSWORD)).toBeUndefined();
  });

  it('removes the half-made login when setting the password fails', async () => {
    const l = login();
    await expect(provider.register(l, 'short')).rejects.toThrow(/policy/);
    expect(cognito.users.has(l.userId)).toBe(false);
  });

  it('undo deletes the login and tolerates one already gone', async () => {
    const l = login();
    const { undo } = await provider.register(l, PASSWORD);
    await undo();
    expect(cognito.users.has(l.userId)).toBe(false);
    await expect(undo()).resolves.toBeUndefined();
  });

  it('removes a login by user id (recovering a stalled approval), and one already gone', async () => {
    const l = login();
    await provider.register(l, PASSWORD);
    await provider.remove(l.userId);
    expect(cognito.users.has(l.userId)).toBe(false);
    expect(await provider.signIn(l, PASSWORD)).toBeUndefined();
    await expect(provider.remove(l.userId)).resolves.toBeUndefined();
  });
});

describe('signup with Cognito', () => {
  it('undoes the Cognito login when the tenant transaction fails, and writes nothing', async () => {
    const { signUp } = await import('../../tenants/signup.ts');
    const { createTenancyService } = await import('../../tenants/store.ts');
    // A real table for the slug check, then the transaction fails: the Cognito user must go.
    const scope = await sharedScope(cloud().tables.main);
    const service = createTenancyService(scope);
    const deps = { platform: service, tenancyFor: () => service, siloTables: { ensure: async () => {} }, identity: provider, clock: { now: () => new Date() } };
    const before = await itemCounts();
    cognito.failNext('AdminSetUserPassword', 'InternalErrorException');
    const input = { name: 'Chain', slug: uniqueSlug(), adminEmail: 'a@chain.example', adminPassword: PASSWORD, tier: 'pooled' as const };
    await expect(signUp(input, deps)).rejects.toThrow();
    const usersBefore = cognito.users.size;

    const broken = createTenancyService({ ...scope, tenantTable: 'no-such-table' });
    await expect(signUp({ ...input, slug: uniqueSlug() }, { ...deps, tenancyFor: () => broken })).rejects.toThrow();
    expect(cognito.users.size).toBe(usersBefore);
    expect(cognito.calls.slice(-3)).toEqual(['AdminCreateUser', 'AdminSetUserPassword', 'AdminDeleteUser']);
    expect(await itemCounts()).toEqual(before);
  });
});

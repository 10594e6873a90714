// The local identity provider rotates its signing key: tokens signed by the previous key keep
// working until the next rotation; older ones are refused.
import { describe, expect, it } from 'vitest';
import { call, cloud, expectEnvelope, newTenant, PASSWORD } from '../support/api.ts';

const kidOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid;

describe('signing key rotation', () => {
  it('serves both keys after a rotation and drops the oldest at the next', async () => {
    const t = await newTenant('rotate');
    const signIn = async () => (await call('POST', '/v1/auth/token', { body: { tenant: t.slug, email: t.email, password: PASSWORD } })).body.accessToken as string;
    const before = (await call('GET', '/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid);

    const first = await call('POST', '/_local/identity/rotate-keys', { headers: { 'x-local-admin-token': cloud().adminToken } });
    const jwks = (await call('GET', '/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid);
    expect(jwks).toEqual([before.at(-1), first.body.kid]);
    const fresh = await signIn();
    expect(kidOf(fresh)).toBe(first.body.kid);
    expect((await call('GET', '/v1/tenant', { token: t.token })).status).toBe(200);

    await call('POST', '/_local/identity/rotate-keys', { headers: { 'x-local-admin-token': cloud().adminToken } });
    expectEnvelope(await call('GET', '/v1/tenant', { token: t.token }), 401, 'unauthenticated');
    expect((await call('GET', '/v1/tenant', { token: fresh })).status).toBe(200);
  });
});

// Every bad request gets the documented 4xx envelope and leaves every table as it was.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, SignJWT } from 'jose';
import { call, expectEnvelope, itemCounts, newTenant, PASSWORD, uniqueSlug, type ApiResponse } from '../support/api.ts';

let tenant: Awaited<ReturnType<typeof newTenant>>;
beforeAll(async () => {
  tenant = await newTenant();
});

/** Runs the request and checks the envelope and that no table gained or lost an item. */
const refused = async (request: () => Promise<ApiResponse>, status: number, code: string) => {
  const before = await itemCounts();
  const res = await request();
  expectEnvelope(res, status, code);
  expect(await itemCounts()).toEqual(before);
  return res;
};

/** Signed with the attacker's own key but naming the real key id, issuer and audience. */
const forgedToken = async (claims: Record<string, unknown>) => {
  const { privateKey } = await generateKeyPair('RS256');
  const jwks = await call('GET', '/.well-known/jwks.json');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: jwks.body.keys[0].kid })
    .setSubject('usr_forged')
    .setIssuer('https://idp.storefleet.local')
    .setAudience('storefleet-api')
    .setExpirationTime('1h')
    .sign(privateKey);
};

describe('refused requests', () => {
  it('bad JSON is 400 invalid_json', async () => {
    await refused(() => call('POST', '/v1/tenants', { rawBody: '{"name": "Broken",' }), 400, 'invalid_json');
  });

  it('a missing field is 400 validation_failed naming the field', async () => {
    const res = await refused(
      () => call('POST', '/v1/tenants', { body: { name: 'No Slug', adminEmail: 'a@b.example', adminPassword: PASSWORD } }),
      400,
      'validation_failed',
    );
    expect(res.body.error.details).toEqual([{ path: 'body.slug', message: expect.any(String) }]);
  });

  it('a wrong type is 400 validation_failed naming the field', async () => {
    const res = await refused(
      () => call('POST', '/v1/tenants', { body: { name: 42, slug: uniqueSlug(), adminEmail: 'a@b.example', adminPassword: PASSWORD } }),
      400,
      'validation_failed',
    );
    expect(res.body.error.details).toEqual([{ path: 'body.name', message: expect.any(String) }]);
  });

  it('an unknown route is 404 not_found', async () => {
    await refused(() => call('GET', '/v1/no-such-thing', { token: tenant.token }), 404, 'not_found');
    await refused(() => call('DELETE', '/v1/tenant', { token: tenant.token }), 404, 'not_found');
  });

  it('no token is 401 unauthenticated', async () => {
    await refused(() => call('GET', '/v1/tenant'), 401, 'unauthenticated');
    await refused(() => call('GET', '/v1/tenant', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }), 401, 'unauthenticated');
  });

  it('a forged token (right claims, wrong key) is 401 unauthenticated', async () => {
    const token = await forgedToken({ tenantId: tenant.tenantId, role: 'hq_admin' });
    await refused(() => call('GET', '/v1/tenant', { token }), 401, 'unauthenticated');
  });

  it('a tampered token (payload edited after signing) is 401 unauthenticated', async () => {
    const other = await newTenant('other');
    const [header, , signature] = tenant.token.split('.');
    const payload = JSON.parse(Buffer.from(tenant.token.split('.')[1]!, 'base64url').toString());
    const edited = Buffer.from(JSON.stringify({ ...payload, tenantId: other.tenantId })).toString('base64url');
    await refused(() => call('GET', '/v1/tenant', { token: `${header}.${edited}.${signature}` }), 401, 'unauthenticated');
  });

  it("another tenant's token sees only its own tenant", async () => {
    const other = await newTenant('other');
    const res = await call('GET', '/v1/tenant', { token: other.token });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(other.tenantId);
    expect(JSON.stringify(res.body)).not.toContain(tenant.tenantId);
  });

  it('a malformed cursor is 400 validation_failed, not a 500', async () => {
    await refused(() => call('GET', '/v1/tenant/events?cursor=not-a-cursor', { token: tenant.token }), 400, 'validation_failed');
    await refused(() => call('GET', '/v1/tenant/events?limit=0', { token: tenant.token }), 400, 'validation_failed');
  });

  it('every envelope carries the request id the gateway assigned', async () => {
    const res = await call('GET', '/v1/tenant');
    expect(res.body.error.requestId).toBe(res.headers.get('apigw-requestid'));
  });
});

// The gateway's /_local/ endpoints change the running cloud, so a web page open in the
// developer's browser must not reach them: cross-site requests and requests without the local
// admin token that `npm start` prints are refused with 403.
import { describe, expect, it } from 'vitest';
import { call, cloud, expectEnvelope } from '../support/api.ts';

const ROTATE = '/_local/identity/rotate-keys';

describe('local-only endpoints', () => {
  it('refuses a cross-site request even with the token', async () => {
    const token = { 'x-local-admin-token': cloud().adminToken };
    expectEnvelope(await call('POST', ROTATE, { headers: { ...token, 'sec-fetch-site': 'cross-site' } }), 403, 'forbidden');
    expectEnvelope(await call('POST', ROTATE, { headers: { ...token, origin: 'https://evil.example' } }), 403, 'forbidden');
    expectEnvelope(await call('POST', '/_local/silo-tables', { body: { slug: 'x' }, headers: { ...token, 'sec-fetch-site': 'same-site' } }), 403, 'forbidden');
  });

  it('refuses a request without the local admin token, and serves one with it', async () => {
    expectEnvelope(await call('POST', ROTATE), 403, 'forbidden');
    expectEnvelope(await call('POST', ROTATE, { headers: { 'x-local-admin-token': 'guess' } }), 403, 'forbidden');
    const ok = await call('POST', ROTATE, { headers: { 'x-local-admin-token': cloud().adminToken, 'sec-fetch-site': 'same-origin' } });
    expect(ok.status).toBe(200);
    expect(ok.body.kid).toEqual(expect.any(String));
    // Functions reach the silo provisioner by URL alone, so the token may come as `?token=`.
    const silo = await call('POST', `/_local/silo-tables?token=${cloud().adminToken}`, { body: { slug: `tok-${Date.now()}` } });
    expect(silo.status).toBe(201);
  });
});

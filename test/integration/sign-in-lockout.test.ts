// Lockout after repeated failed sign-ins, through the API and, with a controllable clock, the
// guard itself against DynamoDB Local.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, cloud, expectEnvelope, newTenant, newUser, PASSWORD, type TestTenant } from '../support/api.ts';
import { sharedScope } from '../support/scope.ts';

let chain: TestTenant;
beforeAll(async () => {
  chain = await newTenant('lockout');
});

const attempt = (email: string, password: string) => call('POST', '/v1/auth/token', { body: { tenant: chain.slug, email, password } });

describe('sign-in lockout', () => {
  it('locks an email after 5 failures, even against the right password, and leaves other users alone', async () => {
    const victim = await newUser(chain, 'field_engineer');
    for (let i = 0; i < 5; i++) expectEnvelope(await attempt(victim.email, 'Wrong-password-9'), 401, 'unauthenticated');
    const locked = await attempt(victim.email, PASSWORD);
    expectEnvelope(locked, 429, 'rate_limited');
    expect(locked.body.error.details[0].retryAfterSeconds).toBeGreaterThan(800);
    expect((await attempt(chain.email, PASSWORD)).status).toBe(200);
  });

  it('locks unknown emails the same way, so a lockout reveals no account', async () => {
    for (let i = 0; i < 5; i++) expectEnvelope(await attempt('nobody@lockout.example', 'Wrong-password-9'), 401, 'unauthenticated');
    expectEnvelope(await attempt('nobody@lockout.example', 'Wrong-password-9'), 429, 'rate_limited');
  });

  it('starts counting afresh after a successful sign-in', async () => {
    const user = await newUser(chain, 'field_engineer');
    for (let i = 0; i < 4; i++) await attempt(user.email, 'Wrong-password-9');
    expect((await attempt(user.email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) await attempt(user.email, 'Wrong-password-9');
    expect((await attempt(user.email, PASSWORD)).status).toBe(200);
  });
});

describe('sign-in guard over time', () => {
  it('forgets failures older than the window and lifts the lock when it ends', async () => {
    Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    const { LOCKOUT, assertNotLocked, recordFailure } = await import('../../tenants/sign-in-guard.ts');
    const { createTenancyService } = await import('../../tenants/store.ts');
    let now = Date.parse('2026-11-23T08:00:00Z');
    const deps = { service: createTenancyService(await sharedScope(cloud().tables.main)), clock: { now: () => new Date(now) } };
    const key = { tenantId: chain.tenantId, email: `clock-${Date.now()}@lockout.example` };

    for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) await recordFailure(key, deps);
    now += LOCKOUT.windowMs + 1; // the window passes: those failures no longer count
    for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) await recordFailure(key, deps);
    await expect(assertNotLocked(key, deps)).resolves.toBeUndefined();

    await recordFailure(key, deps);
    await expect(assertNotLocked(key, deps)).rejects.toMatchObject({ code: 'rate_limited' });
    now += LOCKOUT.lockMs - 1000;
    await expect(assertNotLocked(key, deps)).rejects.toMatchObject({ code: 'rate_limited' });
    now += 1001;
    await expect(assertNotLocked(key, deps)).resolves.toBeUndefined();
  });
});

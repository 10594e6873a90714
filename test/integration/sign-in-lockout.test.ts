// Sign-in throttling per (email, source IP), through the API and, with a controllable clock, the
// guard itself against DynamoDB Local.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, cloud, expectEnvelope, newTenant, newUser, PASSWORD, type TestTenant } from '../support/api.ts';
import { sharedScope } from '../support/scope.ts';
import { freshSourceIp, postFrom } from '../support/franchise.ts';
import { runs } from '../support/soak.ts';

// Concurrent wrong passwords from one address: 20 in `npm test`, 50 in the soak.
const RACERS = runs(20, 50);

let chain: TestTenant;
beforeAll(async () => {
  chain = await newTenant('lockout');
});

const attempt = (email: string, password: string) => call('POST', '/v1/auth/token', { body: { tenant: chain.slug, email, password } });
const attemptFrom = (sourceIp: string, email: string, password: string) => postFrom(sourceIp, '/v1/auth/token', { tenant: chain.slug, email, password });

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

describe('sign-in throttling by source', () => {
  it(`checks at most 5 of ${RACERS} concurrent wrong passwords`, async () => {
    const victim = await newUser(chain, 'field_engineer');
    const ip = freshSourceIp();
    const answers = await Promise.all(Array.from({ length: RACERS }, () => attemptFrom(ip, victim.email, 'Wrong-password-9')));
    const statuses = answers.map((a) => a.status);
    // A 401 means the password was checked; every other guess was refused before that.
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(RACERS - 5);
    expectEnvelope((await attemptFrom(ip, victim.email, PASSWORD)), 429, 'rate_limited');
  });

  it('does not lock the owner out from another address', async () => {
    const victim = await newUser(chain, 'field_engineer');
    const attacker = freshSourceIp();
    for (let i = 0; i < 8; i++) await attemptFrom(attacker, victim.email, 'Wrong-password-9');
    expectEnvelope(await attemptFrom(attacker, victim.email, PASSWORD), 429, 'rate_limited');
    const home = await attemptFrom(freshSourceIp(), victim.email, PASSWORD);
    expect(home.status).toBe(200);
    expect(home.body.accessToken).toEqual(expect.any(String));
  });
});

describe('sign-in guard over time', () => {
  it('opens a new window when the last one is over, and refuses within a full one until it ends', async () => {
    Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    const { LOCKOUT, admitAttempt } = await import('../../tenants/sign-in-guard.ts');
    const { createTenancyService } = await import('../../tenants/store.ts');
    let now = Date.parse('2026-11-23T08:00:00Z');
    const deps = { service: createTenancyService(await sharedScope(cloud().tables.main)), clock: { now: () => new Date(now) } };
    const key = { tenantId: chain.tenantId, email: `clock-${Date.now()}@lockout.example`, source: '203.0.113.7' };

    for (let i = 0; i < LOCKOUT.maxAttempts - 1; i++) await admitAttempt(key, deps);
    now += LOCKOUT.windowMs + 1; // the window passes: those attempts no longer count
    for (let i = 0; i < LOCKOUT.maxAttempts; i++) await admitAttempt(key, deps);
    const windowStart = now;
    await expect(admitAttempt(key, deps)).rejects.toMatchObject({ code: 'rate_limited', details: [{ retryAfterSeconds: LOCKOUT.windowMs / 1000 }] });
    // Another source, same email: unaffected.
    await expect(admitAttempt({ ...key, source: '198.51.100.9' }, deps)).resolves.toBeUndefined();
    now = windowStart + LOCKOUT.windowMs - 1000;
    await expect(admitAttempt(key, deps)).rejects.toMatchObject({ code: 'rate_limited' });
    now = windowStart + LOCKOUT.windowMs + 1;
    await expect(admitAttempt(key, deps)).resolves.toBeUndefined();
  });
});

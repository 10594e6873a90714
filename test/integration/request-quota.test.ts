// The per-tenant request quota: its tier's requests per second are served, the next one in the
// same second is refused with 429 rate_limited and Retry-After, and another tenant is unaffected.
import { describe, expect, it } from 'vitest';
import { call, cloud, expectEnvelope, itemCounts, newTenant } from '../support/api.ts';
import { sharedScope } from '../support/scope.ts';

describe('request quota', () => {
  it('admits exactly the tier limit within one second, across concurrent callers', async () => {
    Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    const { admitRequest } = await import('../../tenants/request-quota.ts');
    const { createRequestCounterEntity } = await import('../../tenants/entities/request-counter.ts');
    const { TIER_QUOTAS } = await import('../../domain/shared/tiers.ts');
    const scope = await sharedScope(cloud().tables.main);
    const entity = createRequestCounterEntity(scope.platformTable, scope.client);
    const tenantId = `ten_QUOTA${Date.now()}`;
    const clock = { now: () => new Date('2026-11-23T08:00:00.500Z') };
    const limit = TIER_QUOTAS.pooled.requestsPerSecond;
    const outcomes = await Promise.allSettled(Array.from({ length: limit + 20 }, () => admitRequest(tenantId, 'pooled', { clock }, entity)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(limit);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(20);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'rate_limited', details: [{ quota: 'requestsPerSecond', limit, tier: 'pooled', retryAfterSeconds: 1 }] });
    // The next second starts a fresh window.
    await expect(admitRequest(tenantId, 'pooled', { clock: { now: () => new Date('2026-11-23T08:00:01.000Z') } }, entity)).resolves.toBeUndefined();
  });

  it('answers 429 with the envelope and Retry-After through the API, for the busy tenant only, writing nothing', async () => {
    const [busy, calm] = await Promise.all([newTenant('busy'), newTenant('calm')]);
    const { createRequestCounterEntity } = await import('../../tenants/entities/request-counter.ts');
    const { TIER_QUOTAS } = await import('../../domain/shared/tiers.ts');
    const scope = await sharedScope(cloud().tables.main);
    const counters = createRequestCounterEntity(scope.platformTable, scope.client);
    // The busy tenant has spent this second's quota and the next few seconds' too.
    const now = Math.floor(Date.now() / 1000);
    for (let second = now; second < now + 5; second++)
      await counters.put({ tenantId: busy.tenantId, second, count: TIER_QUOTAS.pooled.requestsPerSecond, expiresAt: second + 60 }).go();
    const before = await itemCounts();

    const refused = await call('POST', '/v1/regions', { token: busy.token, body: { name: 'Too busy' }, honourRateLimit: false });
    expectEnvelope(refused, 429, 'rate_limited');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await itemCounts()).toEqual(before);
    expect((await call('GET', '/v1/tenant', { token: calm.token })).status).toBe(200);
  });
});

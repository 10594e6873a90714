// The request quota's leases against the real counter in DynamoDB Local: several simulated
// function instances (each its own lease state) share one tenant-second and together admit
// exactly its limit, and a steady instance pays one conditional write per block of tokens, not
// one per request. Writes are counted by an instrumented client: every UpdateItem it sends,
// refused ones included (a refused conditional write is billed a write unit too).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { cloud } from '../support/api.ts';

const setUp = async () => {
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  const { admitRequest, createTokenLeases } = await import('../../tenants/request-quota.ts');
  const { createRequestCounterEntity } = await import('../../tenants/entities/request-counter.ts');
  const { DOCUMENT_TRANSLATION } = await import('../../domain/shared/document-client.ts');
  const { TIER_QUOTAS } = await import('../../domain/shared/tiers.ts');
  const raw = new DynamoDBClient({ endpoint: cloud().endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const writes: string[] = [];
  raw.middlewareStack.add((next, context) => async (args) => (/^Update/.test(String(context.commandName)) && writes.push(String(context.commandName)), next(args)), { step: 'initialize' });
  const entity = createRequestCounterEntity(cloud().tables.main!, DynamoDBDocumentClient.from(raw, DOCUMENT_TRANSLATION));
  const counted = async (tenantId: string, second: number) => (await entity.get({ tenantId, second }).go()).data?.count ?? 0;
  return { admitRequest, createTokenLeases, entity, writes, counted, limit: TIER_QUOTAS.pooled.requestsPerSecond };
};

describe('request quota leases', () => {
  it('admits exactly the limit in one second across concurrent instances sharing the counter', async () => {
    const { admitRequest, createTokenLeases, entity, writes, counted, limit } = await setUp();
    const tenantId = `ten_LEASE${Date.now()}`;
    const at = new Date('2026-11-24T09:00:00.250Z');
    const clock = { now: () => at };
    const instances = Array.from({ length: 4 }, () => createTokenLeases());
    // 60 requests at once on each of 4 instances: 240 calls for a limit of 100.
    const outcomes = await Promise.allSettled(instances.flatMap((leases) => Array.from({ length: 60 }, () => admitRequest(tenantId, 'pooled', { clock, leases }, entity))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(limit);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(240 - limit);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'rate_limited', details: [{ quota: 'requestsPerSecond', limit, tier: 'pooled', retryAfterSeconds: 1 }] });
    // Leased tokens are exactly the limit, and none is left unspent in any instance.
    expect(await counted(tenantId, at.getTime() / 1000 - 0.25)).toBe(limit);
    expect(instances.map((l) => l.held(tenantId)?.left)).toEqual([0, 0, 0, 0]);
    // A few blocks per instance, plus the refusals that found the second spent: measured 14
    // writes for the 240 calls, which cost 240 when every request wrote its own.
    expect(writes.length).toBeLessThanOrEqual(24);
    // An instance whose last lease was granted below the limit learns the second is spent from
    // one refused write (how the burst interleaved decides which instances that is); once
    // refused, refusing again costs no DynamoDB call.
    for (const leases of instances) {
      const before = writes.length;
      await expect(admitRequest(tenantId, 'pooled', { clock, leases }, entity)).rejects.toMatchObject({ code: 'rate_limited' });
      expect(writes.length - before).toBeLessThanOrEqual(1);
      const after = writes.length;
      await expect(admitRequest(tenantId, 'pooled', { clock, leases }, entity)).rejects.toMatchObject({ code: 'rate_limited' });
      expect(writes).toHaveLength(after);
    }
  });

  it("costs a steady instance about one DynamoDB write per block of tokens rather than one per request", async () => {
    const { admitRequest, createTokenLeases, entity, writes, counted } = await setUp();
    const tenantId = `ten_STEADY${Date.now()}`;
    const start = Date.parse('2026-11-24T10:00:00.000Z');
    const leases = createTokenLeases();
    let now = start;
    const clock = { now: () => new Date(now) };
    // 20 requests a second for five seconds, one at a time as a Lambda instance serves them.
    const requests = 100;
    for (let i = 0; i < requests; i++, now += 50) await admitRequest(tenantId, 'pooled', { clock, leases }, entity);
    // Measured: 7 writes for 100 requests (3 while the first second shows the rate, then one a second).
    expect(writes.length).toBeLessThanOrEqual(8);
    expect(writes.length / requests).toBeLessThanOrEqual(0.1);
    // Steady arrivals lose no token: each second leased exactly what it admitted.
    const seconds = Array.from({ length: 5 }, (_, i) => start / 1000 + i);
    expect(await Promise.all(seconds.map((s) => counted(tenantId, s)))).toEqual([20, 20, 20, 20, 20]);
  });
});

// Bulk store import: a job with visible progress, row-level errors, good rows imported exactly
// once even when chunks are delivered again, and bad files refused before anything is queued.
import { beforeAll, describe, expect, it } from 'vitest';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { TIER_QUOTAS } from '../../domain/shared/tiers.ts';
import { MAX_LISTED_ERRORS } from '../../domain/jobs/jobs.ts';
import { call, cloud, eventually, expectEnvelope, itemCounts, newTenant, newUser, seedStores, type TestTenant } from '../support/api.ts';
import { sharedScope } from '../support/scope.ts';

let chain: TestTenant;
const GOOD = 250;

const csvOf = (lines: string[]) => ['code,name,regionName,ownership,address', ...lines].join('\n');
const upload = (csv: string, token = chain.token, type = 'text/csv') =>
  call('POST', '/v1/stores:import', { token, rawBody: csv, headers: { 'content-type': type } });

const finished = (jobId: string, token = chain.token) =>
  eventually(async () => {
    const job = await call('GET', `/v1/jobs/${jobId}`, { token });
    return job.body.status === 'succeeded' ? job.body : undefined;
  }, 60_000);

const storeCodes = async (): Promise<string[]> => {
  const codes: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { data: { code: string }[]; nextCursor: string | null } } = await call('GET', `/v1/stores?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: chain.token });
    codes.push(...page.body.data.map((s) => s.code));
    cursor = page.body.nextCursor;
  } while (cursor);
  return codes;
};

beforeAll(async () => {
  chain = await newTenant('import');
  for (const name of ['Pudong', 'Suzhou']) await call('POST', '/v1/regions', { token: chain.token, body: { name } });
  await call('POST', '/v1/stores', { token: chain.token, body: { code: 'EXISTING', name: 'Old', regionId: (await call('GET', '/v1/regions', { token: chain.token })).body.data[0].id, ownership: 'direct', address: 'x' } });
});

describe('POST /v1/stores:import', () => {
  it('imports the good rows once and reports each bad row by its line', { timeout: 90_000 }, async () => {
    const good = Array.from({ length: GOOD }, (_, i) => `IMP-${String(i + 1).padStart(4, '0')},Store ${i + 1},${i % 2 ? 'Suzhou' : 'Pudong'},${i % 3 ? 'direct' : 'franchise'},"${i + 1} Road, ""Block A"""`);
    const bad = ['BAD-1,No Region,Atlantis,direct,1 Sea Road', 'BAD-2,Bad Ownership,Pudong,leased,2 Road', 'EXISTING,Clash,Pudong,direct,3 Road', 'IMP-0001,Duplicate In File,Pudong,direct,4 Road', ',No Code,Pudong,direct,5 Road'];
    const lines = [...good.slice(0, 100), ...bad, ...good.slice(100)];
    const res = await upload(csvOf(lines));
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^job_/), status: 'queued', progress: { done: 0, total: GOOD + bad.length }, errors: [] });

    const job = await finished(res.body.id);
    expect(job.progress).toEqual({ done: GOOD + bad.length, total: GOOD + bad.length, refused: bad.length });
    expect(job.errors.map((e: { row: number }) => e.row)).toEqual([102, 103, 104, 105, 106]);
    expect(job.errors[0].message).toMatch(/Atlantis/);
    expect(job.errors[1].message).toMatch(/ownership/);
    expect(job.errors[2].message).toMatch(/"EXISTING" already exists/);
    expect(job.errors[3].message).toMatch(/"IMP-0001" already exists/);

    const codes = await storeCodes();
    expect(codes.filter((c) => c.startsWith('IMP-'))).toHaveLength(GOOD);
    expect(new Set(codes).size).toBe(codes.length);

    // Deliver the first chunk again, as SQS may: nothing is imported or counted twice.
    const before = await itemCounts();
    const regions = await call('GET', '/v1/regions', { token: chain.token });
    expect(regions.status).toBe(200);
    const sqs = new SQSClient({ endpoint: cloud().endpoints.sqs, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const rows = good.slice(0, 3).map((line, i) => {
      const [code, name, regionName, ownership] = line.split(',');
      return { row: i + 2, code: code!, name: name!, regionName: regionName!, ownership: ownership!, address: 'again' };
    });
    const chunk = { context: { tenantId: chain.tenantId, userId: chain.adminId, role: 'hq_admin', storeIds: [] }, jobId: res.body.id, chunk: 0, total: GOOD + bad.length, timezone: 'Asia/Shanghai', rows };
    await sqs.send(new SendMessageCommand({ QueueUrl: cloud().queues.storeImports!.url, MessageBody: JSON.stringify(chunk), MessageGroupId: res.body.id, MessageDeduplicationId: `${res.body.id}-again` }));
    await new Promise((r) => setTimeout(r, 3000));
    sqs.destroy();
    expect(await itemCounts()).toEqual(before);
    expect((await call('GET', `/v1/jobs/${res.body.id}`, { token: chain.token })).body.progress).toEqual(job.progress);
  });

  it('lists at most 1,000 row errors however many rows are refused, and counts them all', { timeout: 120_000 }, async () => {
    const other = await newTenant('import-cap');
    const refused = 1_100;
    const lines = Array.from({ length: refused }, (_, i) => `CAP-${i},Nowhere ${i},Atlantis,direct,${i} Sea Road`);
    const res = await upload(csvOf(lines), other.token);
    expect(res.status).toBe(202);
    const job = await finished(res.body.id, other.token);
    expect(job.progress).toEqual({ done: refused, total: refused, refused });
    expect(job.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(job.errors[0]).toEqual({ row: 2, message: expect.stringMatching(/Atlantis/) });
    expect(job.errors.at(-1).row).toBe(MAX_LISTED_ERRORS + 1);
    expect(job.unlistedErrors).toBe(refused - MAX_LISTED_ERRORS);
  });

  it('refuses files it cannot read before queueing anything', async () => {
    const before = await itemCounts();
    expectEnvelope(await upload('code,name\nX,Y'), 400, 'validation_failed');
    expectEnvelope(await upload(csvOf([])), 400, 'validation_failed');
    expectEnvelope(await upload('code,name,regionName,ownership,address\n"unclosed,quote,Pudong,direct,x'), 400, 'validation_failed');
    expectEnvelope(await upload(csvOf(['A,B,Pudong,direct,x']), chain.token, 'application/json'), 400, 'validation_failed');
    expect(await itemCounts()).toEqual(before);
  });

  it("refuses an import that would take the chain past its tier's store quota, queueing nothing", async () => {
    const before = await itemCounts();
    const limit = TIER_QUOTAS.pooled.stores;
    const rows = Array.from({ length: limit + 1 }, (_, i) => `Q-${i},Quota ${i},Pudong,direct,${i} Road`);
    const res = await upload(csvOf(rows));
    expectEnvelope(res, 403, 'quota_exceeded');
    expect(res.body.error.details).toEqual([{ quota: 'stores', limit, tier: 'pooled' }]);
    expect(await itemCounts()).toEqual(before);
  });

  it('counts existing stores against the quota', async () => {
    Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    const { assertStoreRoom } = await import('../../domain/stores/store-quota.ts');
    const { createStoreService } = await import('../../domain/stores/store-service.ts');
    const service = createStoreService(await sharedScope(cloud().tables.main));
    const fresh = await newTenant('quota');
    await seedStores(fresh, 3);
    const ctx = { tenantId: fresh.tenantId, userId: fresh.adminId, role: 'hq_admin' as const, storeIds: [] };
    const { pooled, silo } = TIER_QUOTAS;
    await expect(assertStoreRoom(ctx, pooled.stores - 3, 'pooled', { service })).resolves.toBeUndefined();
    await expect(assertStoreRoom(ctx, pooled.stores - 2, 'pooled', { service })).rejects.toMatchObject({ code: 'quota_exceeded' });
    await expect(assertStoreRoom(ctx, silo.stores - 3, 'silo', { service })).resolves.toBeUndefined();
  });

  it('shows a job to the user who started it only', async () => {
    const res = await upload(csvOf(['SOLO-1,Solo,Pudong,direct,1 Road']));
    await finished(res.body.id);
    const engineer = await newUser(chain, 'field_engineer');
    expectEnvelope(await call('GET', `/v1/jobs/${res.body.id}`, { token: engineer.token }), 404, 'not_found');
    const other = await newTenant('other');
    expectEnvelope(await call('GET', `/v1/jobs/${res.body.id}`, { token: other.token }), 404, 'not_found');
  });
});

// The store quota is a condition of the write: racing creates and imports near the limit end at
// exactly the limit, and a chain that had stores before the counter existed is counted from them.
import { beforeAll, describe, expect, it } from 'vitest';
import { TIER_QUOTAS } from '../../domain/shared/tiers.ts';
import type { StoreService } from '../../domain/stores/store-service.ts';
import { call, cloud, eventually, expectEnvelope, newTenant, seedStores, type TestTenant } from '../support/api.ts';
import { sharedScope } from '../support/scope.ts';

const LIMIT = TIER_QUOTAS.pooled.stores;
let service: StoreService;

beforeAll(async () => {
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  const { createStoreService } = await import('../../domain/stores/store-service.ts');
  service = createStoreService(await sharedScope(cloud().tables.main));
});

const counted = async (t: TestTenant) => (await service.entities.storeCount.get({ tenantId: t.tenantId }).go({ consistent: true })).data?.count;
/** Plays a chain that already has `count` stores, without making two thousand of them. */
const setCount = (t: TestTenant, count: number) => service.entities.storeCount.put({ tenantId: t.tenantId, count }).go();
const createStore = (t: TestTenant, regionId: string, code: string) =>
  call('POST', '/v1/stores', { token: t.token, body: { code, name: code, regionId, ownership: 'direct', address: '1 Road' } });

describe('store quota', () => {
  it('lets exactly the room left through when creates race at the limit', async () => {
    const chain = await newTenant('squota');
    const { regionId } = await seedStores(chain, 1);
    await setCount(chain, LIMIT - 3);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => createStore(chain, regionId, `RACE-${i}`)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    for (const refused of answers.filter((a) => a.status !== 201)) expectEnvelope(refused, 403, 'quota_exceeded');
    expect(await counted(chain)).toBe(LIMIT);
    const listed = await call('GET', '/v1/stores?limit=100', { token: chain.token });
    expect(listed.body.data).toHaveLength(1 + 3);
  });

  it('holds when an import races single creates', async () => {
    const chain = await newTenant('squota');
    const region = await call('POST', '/v1/regions', { token: chain.token, body: { name: 'Pudong' } });
    await setCount(chain, LIMIT - 4);
    const csv = ['code,name,regionName,ownership,address', ...Array.from({ length: 4 }, (_, i) => `IMP-${i},Imported ${i},Pudong,direct,${i} Road`)].join('\n');
    // The import is accepted (4 fit now); the creates then take room its rows need.
    const job = await call('POST', '/v1/stores:import', { token: chain.token, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(job.status).toBe(202);
    const creates = await Promise.all(Array.from({ length: 4 }, (_, i) => createStore(chain, region.body.id, `ONE-${i}`)));
    const done = await eventually(async () => {
      const res = await call('GET', `/v1/jobs/${job.body.id}`, { token: chain.token });
      return res.body.status === 'succeeded' ? res.body : undefined;
    }, 60_000);
    const imported = done.progress.done - done.progress.refused;
    const made = creates.filter((c) => c.status === 201).length;
    expect(imported + made).toBe(4);
    expect(await counted(chain)).toBe(LIMIT);
    const listed = await call('GET', '/v1/stores?limit=100', { token: chain.token });
    expect(listed.body.data).toHaveLength(4);
  });

  it('counts a chain from its stores when its counter is missing', async () => {
    const chain = await newTenant('squota');
    const { regionId } = await seedStores(chain, 3);
    await service.entities.storeCount.delete({ tenantId: chain.tenantId }).go(); // as before the counter existed
    expect((await createStore(chain, regionId, 'AFTER')).status).toBe(201);
    expect(await counted(chain)).toBe(4);
  });
});

// The silo tier: a chain with a table of its own. Its items land there and nowhere else, the
// platform directory routes every call to it, and its outbox events still reach the consumers.
// Its slug is reserved by the operator, and signup with it needs the operator's one-time token.
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient, QueryCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { call, cloud, eventually, expectEnvelope, itemCounts, newTenant, PASSWORD, siloTables, seedStores, uniqueSlug } from '../support/api.ts';
import { sharedScope } from '../support/scope.ts';
import type { TenancyService } from '../../tenants/store.ts';

const dynamo = () => new DynamoDBClient({ endpoint: cloud().endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/** Every partition key in `table` that mentions the tenant, over all scan pages. */
const keysOf = async (table: string, tenantId: string): Promise<string[]> => {
  const keys: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({ TableName: table, FilterExpression: 'contains(pk, :t)', ExpressionAttributeValues: { ':t': { S: tenantId } }, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    keys.push(...(page.Items ?? []).map((i) => i.pk!.S!));
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
};

let platform: TenancyService;
let reserve: (slug: string, at?: Date) => Promise<{ token: string }>;
beforeAll(async () => {
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  const { createTenancyService } = await import('../../tenants/store.ts');
  const { reserveSiloSlug } = await import('../../tenants/silo-reservations.ts');
  platform = createTenancyService(await sharedScope(cloud().tables.main));
  // The operator's step, as a provisioning run would take it.
  reserve = (slug, at = new Date()) => reserveSiloSlug(slug, { platform, clock: { now: () => at } });
});

const signup = (slug: string, extra: Record<string, unknown>) =>
  call('POST', '/v1/tenants', { body: { name: `Chain ${slug}`, slug, adminEmail: `admin@${slug}.example`, adminPassword: PASSWORD, tier: 'silo', ...extra } });

/** A silo chain as newTenant makes a pooled one: reserved by the operator, then signed up with the token. */
const newSiloTenant = async (prefix = 'silo') => {
  const slug = uniqueSlug(prefix);
  const { token: siloToken } = await reserve(slug);
  const res = await signup(slug, { siloToken });
  if (res.status !== 201) throw new Error(`silo signup failed: ${JSON.stringify(res.body)}`);
  const login = await call('POST', '/v1/auth/token', { body: { tenant: slug, email: `admin@${slug}.example`, password: PASSWORD } });
  const token = login.body.accessToken as string;
  await eventually(async () => ((await call('GET', '/v1/tenant/events', { token })).body.data?.length ? true : undefined));
  return { slug, email: `admin@${slug}.example`, tenantId: res.body.tenant.id as string, adminId: res.body.admin.id as string, token };
};

describe('silo slugs', () => {
  // First, before any signup here leaves asynchronous writes behind.
  it('are the only way to the silo tier', async () => {
    const before = await itemCounts();
    expectEnvelope(await signup(uniqueSlug('unreserved'), {}), 422, 'tier_unavailable');
    expect(await itemCounts()).toEqual(before);
  });

  it('refuse signup without the right token, for either tier, writing nothing', async () => {
    const slug = uniqueSlug('reserved');
    await reserve(slug);
    const before = await itemCounts();
    expectEnvelope(await signup(slug, {}), 422, 'slug_reserved');
    expectEnvelope(await signup(slug, { siloToken: 'not-the-token' }), 422, 'slug_reserved');
    expectEnvelope(await signup(slug, { tier: 'pooled' }), 422, 'slug_reserved');
    expect(await itemCounts()).toEqual(before);
    expect(await siloTables()).not.toContain(`storefleet-test-silo-${slug}`);
  });

  it('take the token once, and not after it expires', async () => {
    const slug = uniqueSlug('reserved');
    const { token } = await reserve(slug);
    expect((await signup(slug, { siloToken: token })).status).toBe(201);
    expect((await platform.entities.siloReservation.get({ slug }).go()).data).toMatchObject({ claimedAt: expect.any(String), tokenHash: expect.not.stringContaining(token) });
    expectEnvelope(await signup(slug, { siloToken: token }), 409, 'already_exists');

    const late = uniqueSlug('reserved');
    const { token: stale } = await reserve(late, new Date(Date.now() - 8 * 24 * 60 * 60_000));
    expectEnvelope(await signup(late, { siloToken: stale }), 422, 'slug_reserved');
  });

});

describe('silo tenants', () => {
  it('get their own table; their items live there and the shared table keeps only their directory entry', async () => {
    const silo = await newSiloTenant(); // waits for tenant.created: the silo stream is consumed
    const table = `storefleet-test-silo-${silo.slug}`;
    expect(await siloTables()).toContain(table);
    const { stores: [store] } = await seedStores(silo, 2);

    const got = await call('GET', `/v1/stores/${store!.id}`, { token: silo.token });
    expect(got.status).toBe(200);
    expect((await call('GET', '/v1/tenant', { token: silo.token })).body).toMatchObject({ id: silo.tenantId, tier: 'silo' });

    const own = await keysOf(table, silo.tenantId);
    expect(own).toEqual(expect.arrayContaining([`${silo.tenantId}#tenant`, `${silo.tenantId}#store#${store!.id}`, `${silo.tenantId}#audit`]));
    expect(own.every((pk) => pk.startsWith(`${silo.tenantId}#`))).toBe(true);
    // Besides its request counters (platform metering), only its directory entry.
    const shared = (await keysOf(cloud().tables.main!, silo.tenantId)).filter((pk) => !pk.startsWith('platform#rate#'));
    expect(shared).toEqual([`platform#tenant#${silo.tenantId}`]);
  });

  it('are invisible to pooled tenants, and pooled tenants to them', async () => {
    const [silo, pooled] = await Promise.all([newSiloTenant(), newTenant('pooled')]);
    const { stores: [siloStore] } = await seedStores(silo, 1);
    const { stores: [pooledStore] } = await seedStores(pooled, 1);
    expect((await call('GET', `/v1/stores/${siloStore!.id}`, { token: pooled.token })).status).toBe(404);
    expect((await call('GET', `/v1/stores/${pooledStore!.id}`, { token: silo.token })).status).toBe(404);
    const list = await call('GET', '/v1/stores', { token: silo.token });
    expect(list.body.data.map((s: { id: string }) => s.id)).toEqual([siloStore!.id]);
  });

  it('sign in, import stores and record events through their own table', async () => {
    const silo = await newSiloTenant();
    const region = await call('POST', '/v1/regions', { token: silo.token, body: { name: 'North' } });
    const csv = ['code,name,regionName,ownership,address', 'N1,One,North,direct,1 Road', 'N2,Two,North,franchise,2 Road'].join('\n');
    const job = await call('POST', '/v1/stores:import', { token: silo.token, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(job.status).toBe(202);
    const done = await eventually(async () => {
      const res = await call('GET', `/v1/jobs/${job.body.id}`, { token: silo.token });
      return res.body.status === 'succeeded' ? res.body : undefined;
    });
    expect(done.progress).toEqual({ done: 2, total: 2, refused: 0 });
    const { Count } = await dynamo().send(
      new QueryCommand({ TableName: `storefleet-test-silo-${silo.slug}`, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': { S: `${silo.tenantId}#stores` } } }),
    );
    expect(Count).toBe(2);
    expect(region.status).toBe(201);
  });
});

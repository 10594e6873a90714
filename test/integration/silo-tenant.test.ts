// The silo tier: a chain with a table of its own. Its items land there and nowhere else, the
// platform directory routes every call to it, and its outbox events still reach the consumers.
import { describe, expect, it } from 'vitest';
import { DynamoDBClient, QueryCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { call, cloud, eventually, newTenant, siloTables, seedStores } from '../support/api.ts';

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

describe('silo tenants', () => {
  it('get their own table; their items live there and the shared table keeps only their directory entry', async () => {
    const silo = await newTenant('silo', 'silo'); // waits for tenant.created: the silo stream is consumed
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
    const [silo, pooled] = await Promise.all([newTenant('silo', 'silo'), newTenant('pooled')]);
    const { stores: [siloStore] } = await seedStores(silo, 1);
    const { stores: [pooledStore] } = await seedStores(pooled, 1);
    expect((await call('GET', `/v1/stores/${siloStore!.id}`, { token: pooled.token })).status).toBe(404);
    expect((await call('GET', `/v1/stores/${pooledStore!.id}`, { token: silo.token })).status).toBe(404);
    const list = await call('GET', '/v1/stores', { token: silo.token });
    expect(list.body.data.map((s: { id: string }) => s.id)).toEqual([siloStore!.id]);
  });

  it('sign in, import stores and record events through their own table', async () => {
    const silo = await newTenant('silo', 'silo');
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

// Stores at chain scale, against the bare engine in the same run:
//   import   - 1,000 stores through POST /v1/stores:import until the job succeeds, vs one
//              BatchWriteItem stream of the same store items straight into the table;
//   list     - GET /v1/stores?limit=25 through the gateway, vs the bare DynamoDB Query it makes.
import { BatchWriteItemCommand, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { LocalCloud } from '../local/cloud.ts';
import { measureInterleaved, writeResult } from './measure.ts';

const STORES = 1000;
type Session = { token: string; tenantId: string };

const api = (cloud: LocalCloud, token: string) => async (method: string, path: string, body?: string, type = 'application/json') => {
  const res = await fetch(`${cloud.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  return (await res.json()) as Record<string, any>;
};

const timeImport = async (call: ReturnType<typeof api>, regionName: string) => {
  const csv = ['code,name,regionName,ownership,address', ...Array.from({ length: STORES }, (_, i) => `B${i},Bench ${i},${regionName},direct,${i} Bench Road`)].join('\n');
  const started = performance.now();
  const job = await call('POST', '/v1/stores:import', csv, 'text/csv');
  if (!job.id) throw new Error(`import refused: ${JSON.stringify(job)}`);
  const deadline = started + 10 * 60_000;
  while (performance.now() < deadline) {
    const state = await call('GET', `/v1/jobs/${job.id}`);
    if (state.status === 'succeeded') {
      if (state.errors.length) throw new Error(`import refused rows: ${JSON.stringify(state.errors.slice(0, 3))}`);
      return performance.now() - started;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import job ${job.id} did not finish within 10 minutes`);
};

/** The same store and code items the import writes, as plain batch writes under another tenant id. */
const timeBatchWrite = async (dynamo: DynamoDBClient, table: string) => {
  const tenantId = 'ten_BENCHBASELINE0000000000000';
  const items = Array.from({ length: STORES }, (_, i) => [
    { pk: `${tenantId}#store#sto_${i}`, sk: 'store', gsi1pk: `${tenantId}#stores`, gsi1sk: `B${i}`, code: `B${i}`, name: `Bench ${i}`, regionId: 'reg_x', ownership: 'direct', address: `${i} Bench Road`, timezone: 'Asia/Shanghai', status: 'active' },
    { pk: `${tenantId}#storecode#B${i}`, sk: 'storecode', storeId: `sto_${i}` },
  ]).flat();
  const started = performance.now();
  for (let i = 0; i < items.length; i += 25)
    await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [table]: items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: marshall(item) } })) } }));
  return performance.now() - started;
};

export const runStoresBench = async (cloud: LocalCloud, session: Session) => {
  const call = api(cloud, session.token);
  await call('POST', '/v1/regions', JSON.stringify({ name: 'Bench Region' }));
  const dynamo = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const table = cloud.tables.main!;

  const baselineMs = await timeBatchWrite(dynamo, table);
  const importMs = await timeImport(call, 'Bench Region');

  const list = await measureInterleaved(
    {
      query: async () =>
        void (await dynamo.send(
          new QueryCommand({ TableName: table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: marshall({ ':pk': `${session.tenantId}#stores` }), Limit: 25 }),
        )),
      api: async () => void (await call('GET', '/v1/stores?limit=25')),
    },
    { warmup: 50, iterations: 500 },
  );
  dynamo.destroy();

  const perSecond = (ms: number) => Math.round((STORES / ms) * 1000 * 10) / 10;
  const result = {
    description: `${STORES} stores: CSV import job end to end vs BatchWriteItem of the same items; store list page of 25 via the API vs the bare Query`,
    import: { stores: STORES, importMs: Math.round(importMs), importStoresPerSecond: perSecond(importMs), batchWriteMs: Math.round(baselineMs), batchWriteStoresPerSecond: perSecond(baselineMs), ratio: Math.round((importMs / baselineMs) * 100) / 100 },
    list: { ...list, ratioP50: Math.round((list.api.p50Ms / list.query.p50Ms) * 100) / 100 },
  };
  writeResult('stores', result);
  return result;
};

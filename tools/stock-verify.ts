// `npm run stock:verify`: recomputes every stock level from the ledger, the active reservations
// and the flash-sale shards, and reports any difference; exits 1 when there is one.
//
// Against the local cloud of `npm start` it needs nothing: it asks the gateway's /health for the
// DynamoDB Local endpoint (`--api`, default http://localhost:$PORT or 3000) and checks the stage's
// main and silo tables. Against AWS (or LocalStack), name the tables: `--table <name>` (repeat it)
// or TABLE_MAIN, plus `--silo-prefix` (or SILO_TABLE_PREFIX) to include every silo tenant's table;
// credentials and endpoint come from the usual AWS_* variables. `--tenant ten_...` checks one chain.
import { parseArgs } from 'node:util';
import { DynamoDBClient, ListTablesCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { AUDITED_ENTITIES, describeDifference, differences, isPending, persistent, recompute, type Difference, type ScannedItem } from '../domain/inventory/ledger/stock-audit.ts';

const { values: args } = parseArgs({
  options: {
    api: { type: 'string', default: `http://localhost:${process.env.PORT ?? 3000}` },
    stage: { type: 'string', default: 'local' },
    table: { type: 'string', multiple: true },
    'silo-prefix': { type: 'string' },
    tenant: { type: 'string' },
    segments: { type: 'string', default: '4' },
    json: { type: 'boolean', default: false },
  },
});

// The SDK warns that it will leave Node 20 in 2027; the warning is noise in a report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const SERVICE = 'storefleet';
const RECHECK_AFTER_MS = 1_000;
/** How long a level's last ledger line may take to reach the ledger before the wait is reported. */
const PENDING_LIMIT_MS = 15_000;

const localEngine = async (): Promise<DynamoDBClient> => {
  const health = (await (await fetch(`${args.api}/health`)).json()) as { components?: { dynamodb?: { endpoint?: string } } };
  const endpoint = health.components?.dynamodb?.endpoint;
  if (!endpoint) throw new Error(`${args.api}/health names no DynamoDB endpoint`);
  return new DynamoDBClient({ endpoint, region: process.env.AWS_REGION ?? 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
};

const allTables = async (client: DynamoDBClient): Promise<string[]> => {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start);
  return names;
};

const connect = async (): Promise<{ client: DynamoDBClient; tables: string[] }> => {
  const named = args.table ?? (process.env.TABLE_MAIN ? [process.env.TABLE_MAIN] : undefined);
  const siloPrefix = args['silo-prefix'] ?? process.env.SILO_TABLE_PREFIX;
  if (named) {
    const client = new DynamoDBClient({});
    const silos = siloPrefix ? (await allTables(client)).filter((t) => t.startsWith(siloPrefix)) : [];
    return { client, tables: [...named, ...silos] };
  }
  const client = await localEngine();
  const prefix = `${SERVICE}-${args.stage}-`;
  const tables = (await allTables(client)).filter((t) => t === `${prefix}main` || t.startsWith(`${prefix}silo-`));
  if (tables.length === 0) throw new Error(`No ${prefix}main table at the local engine; is this the right --stage?`);
  return { client, tables };
};

const scanTable = async (client: DynamoDBClient, table: string, segments: number): Promise<ScannedItem[]> => {
  const names: Record<string, string> = { '#e': '__edb_e__', '#t': 'tenantId', '#l': 'locationId', '#s': 'skuId', '#q': 'quantity', '#o': 'onHand', '#r': 'reserved', '#f': 'free', '#st': 'status', '#li': 'lines', '#u': 'units', '#m': 'movementId', '#lm': 'lastMove' };
  const values: Record<string, AttributeValue> = Object.fromEntries(AUDITED_ENTITIES.map((e, i) => [`:e${i}`, { S: e }]));
  let filter = `#e IN (${AUDITED_ENTITIES.map((_, i) => `:e${i}`).join(', ')})`;
  if (args.tenant) {
    filter += ' AND #t = :tenant';
    values[':tenant'] = { S: args.tenant };
  }
  const scanSegment = async (segment: number) => {
    const items: ScannedItem[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: table, Segment: segment, TotalSegments: segments, ConsistentRead: true, FilterExpression: filter, ExpressionAttributeNames: names, ExpressionAttributeValues: values, ProjectionExpression: Object.keys(names).join(', '), ExclusiveStartKey: start }),
      );
      items.push(...(page.Items ?? []).map((i) => unmarshall(i) as ScannedItem));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  };
  return (await Promise.all(Array.from({ length: segments }, (_, s) => scanSegment(s)))).flat();
};

const check = async (client: DynamoDBClient, tables: string[], segments: number) => {
  const items = (await Promise.all(tables.map((t) => scanTable(client, t, segments)))).flat();
  const recomputed = recompute(items);
  return { levels: recomputed.size, found: differences(recomputed), pending: [...recomputed.values()].filter(isPending) };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const { client, tables } = await connect();
const segments = Math.max(1, Number(args.segments));
const started = Date.now();
let first = await check(client, tables, segments);
// Lines still on their way are waited for (the stream is seconds behind at most); a wait longer
// than the limit means the ledger's projection has stopped, and is reported as such.
while (first.pending.length > 0 && Date.now() - started < PENDING_LIMIT_MS) {
  await sleep(RECHECK_AFTER_MS);
  first = await check(client, tables, segments);
}
let reported: Difference[] = [];
if (first.found.size > 0) {
  await sleep(RECHECK_AFTER_MS);
  reported = persistent(first.found, (await check(client, tables, segments)).found);
}
client.destroy();
const stalled = first.pending.map((r) => `${r.tenantId} ${r.locationId} ${r.skuId}: the level's last ledger line ${r.lastMoveId} is not in the ledger after ${PENDING_LIMIT_MS / 1000} s`);
if (args.json) console.log(JSON.stringify({ tables, levels: first.levels, differences: reported, stalled }, null, 2));
else {
  for (const d of reported) console.log(`DIFFERENCE ${describeDifference(d)}`);
  for (const s of stalled) console.log(`STALLED ${s}`);
  console.log(`Checked ${first.levels} (location, SKU) pairs in ${tables.join(', ')}${args.tenant ? ` for ${args.tenant}` : ''}: ${reported.length} difference(s), ${stalled.length} stalled`);
}
process.exitCode = reported.length > 0 || stalled.length > 0 ? 1 : 0;

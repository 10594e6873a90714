// What the run's tables gained or lost since a test file first asked, without scanning them.
// "A refused request wrote nothing" used to be two full-table item counts; late in a run the
// shared tables hold tens of thousands of items, so each count cost seconds. Tables with a
// stream (the tenant-data table and every silo table) are followed from their streams instead:
// each INSERT is +1 and each REMOVE -1 for its table and its ElectroDB entity. Tables without one
// (idempotency) are counted by DescribeTable, which DynamoDB Local answers from a live count.
import {
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { inject } from 'vitest';
import { siloTablePrefix } from '../../domain/shared/bindings.ts';

/** One item that appeared (+1) or went (-1), by the key and entity its image names. */
type Change = { table: string; pk: string; entity: string; delta: 1 | -1 };

type Shard = { iterator: string | undefined };
type Followed =
  | { kind: 'stream'; streamArn: string; shards: Map<string, Shard> }
  | { kind: 'count'; baseline: number };

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = () => process.env.AWS_REGION ?? 'us-east-1';

let clients: { dynamo: DynamoDBClient; streams: DynamoDBStreamsClient } | undefined;
const engines = () => {
  const endpoint = inject('cloud').endpoints.dynamodb;
  return (clients ??= {
    dynamo: new DynamoDBClient({ endpoint, region: region(), credentials }),
    streams: new DynamoDBStreamsClient({ endpoint, region: region(), credentials }),
  });
};

const openShardIds = async (streamArn: string): Promise<{ open: string[]; all: string[] }> => {
  const open: string[] = [];
  const all: string[] = [];
  let start: string | undefined;
  do {
    const { StreamDescription } = await engines().streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
    for (const s of StreamDescription?.Shards ?? []) {
      if (!s.ShardId) continue;
      all.push(s.ShardId);
      if (!s.SequenceNumberRange?.EndingSequenceNumber) open.push(s.ShardId);
    }
    start = StreamDescription?.LastEvaluatedShardId;
  } while (start);
  return { open, all };
};

const iteratorOf = async (streamArn: string, shardId: string, type: 'LATEST' | 'TRIM_HORIZON') =>
  (await engines().streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type }))).ShardIterator;

/**
 * Starts following a table: from the end of its stream if it has one and `fromStart` is false (the
 * table existed when the file first asked), from the start of it otherwise (created since).
 */
const follow = async (table: string, fromStart: boolean): Promise<Followed> => {
  const { Table } = await engines().dynamo.send(new DescribeTableCommand({ TableName: table }));
  if (!Table?.LatestStreamArn) return { kind: 'count', baseline: fromStart ? 0 : (Table?.ItemCount ?? 0) };
  const streamArn = Table.LatestStreamArn;
  const { open, all } = await openShardIds(streamArn);
  const shards = new Map<string, Shard>();
  // Closed shards hold only what was written before the mark; a new table's are all after it.
  for (const id of fromStart ? all : open) shards.set(id, { iterator: await iteratorOf(streamArn, id, fromStart ? 'TRIM_HORIZON' : 'LATEST') });
  if (!fromStart) for (const id of all) if (!shards.has(id)) shards.set(id, { iterator: undefined });
  return { kind: 'stream', streamArn, shards };
};

const text = (v: AttributeValue | undefined): string => (v && 'S' in v ? (v.S ?? '') : '');

/** Reads every shard of a followed stream to its current end, shards split off since included. */
const drain = async (table: string, followed: Extract<Followed, { kind: 'stream' }>, into: Change[]): Promise<void> => {
  const { all } = await openShardIds(followed.streamArn);
  for (const id of all)
    if (!followed.shards.has(id)) followed.shards.set(id, { iterator: await iteratorOf(followed.streamArn, id, 'TRIM_HORIZON') });
  for (const shard of followed.shards.values()) {
    while (shard.iterator) {
      const page = await engines().streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator }));
      for (const r of page.Records ?? []) {
        if (r.eventName !== 'INSERT' && r.eventName !== 'REMOVE') continue;
        const image = r.eventName === 'INSERT' ? r.dynamodb?.NewImage : r.dynamodb?.OldImage;
        into.push({ table, pk: text(r.dynamodb?.Keys?.pk), entity: text(image?.__edb_e__) || 'unknown', delta: r.eventName === 'INSERT' ? 1 : -1 });
      }
      shard.iterator = page.NextShardIterator;
      // An open shard's iterator never runs out; an empty page means its end for now.
      if (!page.Records?.length) break;
    }
  }
};

const runTables = async (): Promise<string[]> => {
  const names: string[] = [];
  let start: string | undefined;
  const prefix = siloTablePrefix('storefleet', 'test');
  const shared = new Set(Object.values(inject('cloud').tables));
  do {
    const page = await engines().dynamo.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []).filter((n) => shared.has(n) || n.startsWith(prefix)));
    start = page.LastEvaluatedTableName;
  } while (start);
  return names;
};

type Journal = { followed: Map<string, Followed>; changes: Change[]; tablesAtMark: Set<string> };
let journal: Promise<Journal> | undefined;
let reading: Promise<unknown> = Promise.resolve();

const mark = async (): Promise<Journal> => {
  const tables = await runTables();
  const followed = new Map<string, Followed>();
  for (const table of tables) followed.set(table, await follow(table, false));
  return { followed, changes: [], tablesAtMark: new Set(tables) };
};

/** Brings the journal up to now; calls are serialized so no stream page is read twice. */
const catchUp = (): Promise<Journal> => {
  const next = reading.then(async () => {
    const j = await (journal ??= mark());
    for (const table of await runTables()) if (!j.followed.has(table)) j.followed.set(table, await follow(table, true));
    for (const [table, followed] of j.followed) if (followed.kind === 'stream') await drain(table, followed, j.changes);
    return j;
  });
  reading = next.catch(() => undefined);
  return next;
};

const tally = (changes: readonly Change[], key: (c: Change) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const c of changes) out[key(c)] = (out[key(c)] ?? 0) + c.delta;
  return Object.fromEntries(Object.entries(out).filter(([, n]) => n !== 0));
};

/** Request counters meter every signed-in call, refused ones included; they are not data a request wrote. */
const isMetering = (c: Change) => c.pk.startsWith('platform#rate#');
/**
 * Written after the fact, by a consumer, for what an earlier change wrote (and that is counted, in
 * its change's table): a tenant's event log entry (the domainEvents consumer, for an outbox item)
 * and a ledger line's movement item (the stream consumer, for the level change that recorded it,
 * movement-projection.ts). Left out, they cannot land in a later request's "nothing was written"
 * window while their consumer catches up.
 */
const isAfterTheFact = (c: Change) => c.entity === 'tenantEvent' || c.entity === 'stockMovement';

/**
 * Net items gained per table since this file's first call (0s left out), tables created since
 * included by name: equal before and after means a request added and removed nothing anywhere.
 */
export const itemChanges = async (): Promise<Record<string, number>> => {
  const j = await catchUp();
  const counted: Record<string, number> = {};
  for (const [table, followed] of j.followed) {
    if (followed.kind !== 'count') continue;
    const { Table } = await engines().dynamo.send(new DescribeTableCommand({ TableName: table }));
    const delta = (Table?.ItemCount ?? 0) - followed.baseline;
    if (delta) counted[table] = delta;
  }
  const created = Object.fromEntries([...j.followed.keys()].filter((t) => !j.tablesAtMark.has(t)).map((t) => [`new table ${t}`, 1]));
  return { ...tally(j.changes.filter((c) => !isMetering(c) && !isAfterTheFact(c)), (c) => c.table), ...counted, ...created };
};

/** Net items gained per ElectroDB entity in the tenant-data table since this file's first call, optionally one tenant's only. */
export const entityChanges = async (tenantId?: string): Promise<Record<string, number>> => {
  const j = await catchUp();
  const main = inject('cloud').tables.main;
  return tally(
    j.changes.filter((c) => c.table === main && (!tenantId || c.pk.startsWith(`${tenantId}#`))),
    (c) => c.entity,
  );
};

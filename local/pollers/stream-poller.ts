// Lambda's DynamoDB stream event source, locally: reads every shard in order, applies the
// manifest's filter, invokes the function with batches, and on a reported failure retries from
// that record (the checkpoint) until it succeeds or the retry budget is spent. A batch that spends
// it is described on the mapping's on-failure destination, as Lambda does (stream-failures.ts).
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { FunctionRuntime } from '../function-runtime.ts';
import { LOCAL_REGION } from '../aws-local.ts';
import { startPollLoop, type Poller } from './poller.ts';
import { sendStreamFailure } from './stream-failures.ts';

export type StreamFilter = { eventNames: readonly string[]; entities: readonly string[] } | undefined;
type Shard = { iterator?: string; closed: boolean; parent?: string; held: DynamoDBRecord[]; attempts: number; threw: boolean; lastRead?: string; initial: 'LATEST' | 'TRIM_HORIZON' };
export type StreamSource = { table: string; batchSize: number; startingPosition: 'LATEST' | 'TRIM_HORIZON'; filter: StreamFilter };

/** As the CDK event source mapping: retries after the first attempt before a batch is discarded. */
export const STREAM_RETRY_ATTEMPTS = 3;

/**
 * Whether Lambda hands `record` to a function whose trigger declares `filter`, as the patterns of
 * infra/constructs/triggers.ts streamFilters match: an empty list constrains nothing, and a REMOVE
 * the filter names is matched by entity on its old image (it has no new one).
 */
export const matchesFilter = (record: Pick<StreamRecord, 'eventName' | 'dynamodb'>, filter: StreamFilter): boolean => {
  if (!filter) return true;
  const eventName = record.eventName ?? '';
  if (filter.eventNames.length > 0 && !filter.eventNames.includes(eventName)) return false;
  if (filter.entities.length === 0) return true;
  const image = eventName === 'REMOVE' && filter.eventNames.includes('REMOVE') ? record.dynamodb?.OldImage : record.dynamodb?.NewImage;
  return filter.entities.includes(image?.__edb_e__?.S ?? '');
};

type Value = Record<string, unknown>;

/**
 * The Streams client reads an empty map `{ M: {} }` back as `{}`, which unmarshall refuses; the
 * records Lambda gets from AWS keep it, so the local ones get it back.
 */
export const withEmptyMaps = <T>(image: T): T => {
  if (!image) return image;
  const repair = (v: Value): Value => {
    if (Object.keys(v).length === 0) return { M: {} };
    if (v.M) return { M: withEmptyMaps(v.M as Record<string, Value>) };
    if (Array.isArray(v.L)) return { L: (v.L as Value[]).map(repair) };
    return v;
  };
  return Object.fromEntries(Object.entries(image as Record<string, Value>).map(([k, v]) => [k, repair(v)])) as T;
};

/** A record as the Streams API returns it, in the shape Lambda hands a function. */
export const toLambdaRecord = (r: StreamRecord, streamArn: string, region = LOCAL_REGION): DynamoDBRecord =>
  ({
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...r.dynamodb,
      ...Object.fromEntries((['Keys', 'NewImage', 'OldImage'] as const).flatMap((k) => (r.dynamodb?.[k] ? [[k, withEmptyMaps(r.dynamodb[k])]] : []))),
      ApproximateCreationDateTime: Math.floor((r.dynamodb?.ApproximateCreationDateTime?.getTime() ?? Date.now()) / 1000),
    },
  }) as DynamoDBRecord;

export const startStreamPoller = async (
  functionName: string,
  source: StreamSource,
  deps: {
    dynamo: DynamoDBClient;
    runtime: FunctionRuntime;
    streamsEndpoint?: string;
    /** The mapping's on-failure destination: where a batch that used up its retries is described. */
    failures: { sqs: SQSClient; queueUrl: string };
  },
): Promise<Poller> => {
  const { Table } = await deps.dynamo.send(new DescribeTableCommand({ TableName: source.table }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${source.table} has no stream`);
  const streams = new DynamoDBStreamsClient({ region: await deps.dynamo.config.region(), credentials: await deps.dynamo.config.credentials(), endpoint: deps.streamsEndpoint });
  const shards = new Map<string, Shard>();
  let firstDiscovery = true;
  let lastDiscovery = 0;

  const discover = async () => {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const s of StreamDescription?.Shards ?? []) {
      if (!s.ShardId || shards.has(s.ShardId)) continue;
      const type = firstDiscovery ? source.startingPosition : 'TRIM_HORIZON';
      const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: s.ShardId, ShardIteratorType: type }));
      shards.set(s.ShardId, { iterator: ShardIterator, closed: !ShardIterator, parent: s.ParentShardId, held: [], attempts: 0, threw: false, initial: type });
    }
    firstDiscovery = false;
    lastDiscovery = Date.now();
  };

  /** Invokes with `records`; returns those still to deliver (from the failed checkpoint on). */
  const deliver = async (records: DynamoDBRecord[]): Promise<{ left: DynamoDBRecord[]; threw: boolean }> => {
    try {
      const response = (await deps.runtime.invoke(functionName, { Records: records })) as DynamoDBBatchResponse | undefined;
      const failedSeq = response?.batchItemFailures?.[0]?.itemIdentifier;
      if (!failedSeq) return { left: [], threw: false };
      const at = records.findIndex((r) => r.dynamodb?.SequenceNumber === failedSeq);
      return { left: records.slice(at < 0 ? 0 : at), threw: false };
    } catch (error) {
      console.error(`[stream:${functionName}] ${(error as Error).message}`);
      return { left: records, threw: true };
    }
  };

  /**
   * DynamoDB Local fails an iterator taken on an empty shard with TrimmedDataAccessException once
   * the first record arrives (aws/aws-sdk-java#2923); a fresh iterator from the last record read
   * continues exactly where the old one stood.
   */
  const readShard = async (id: string, shard: Shard) => {
    try {
      return await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: source.batchSize }));
    } catch (error) {
      if (!['TrimmedDataAccessException', 'ExpiredIteratorException'].includes((error as Error).name)) throw error;
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: id,
          ...(shard.lastRead ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: shard.lastRead } : { ShardIteratorType: shard.initial }),
        }),
      );
      return streams.send(new GetRecordsCommand({ ShardIterator, Limit: source.batchSize }));
    }
  };

  const pollShard = async (id: string, shard: Shard): Promise<number> => {
    const parent = shard.parent ? shards.get(shard.parent) : undefined;
    if (parent && !(parent.closed && parent.held.length === 0)) return 0; // parents first, as Lambda does
    if (shard.held.length === 0 && shard.iterator) {
      const out = await readShard(id, shard);
      shard.iterator = out.NextShardIterator;
      shard.closed = !out.NextShardIterator;
      shard.lastRead = out.Records?.at(-1)?.dynamodb?.SequenceNumber ?? shard.lastRead;
      shard.held = (out.Records ?? []).filter((r) => matchesFilter(r, source.filter)).map((r) => toLambdaRecord(r, streamArn));
    }
    if (shard.held.length === 0) return 0;
    const batch = shard.held;
    ({ left: shard.held, threw: shard.threw } = await deliver(batch));
    if (shard.held.length === 0) shard.attempts = 0;
    else if (++shard.attempts > STREAM_RETRY_ATTEMPTS) {
      // Described before it is dropped: if the destination cannot take the message, the batch
      // stays held and is tried (and, failing, described) again on the next poll.
      await sendStreamFailure(deps.failures.sqs, deps.failures.queueUrl, {
        functionArn: `arn:aws:lambda:${LOCAL_REGION}:000000000000:function:${functionName}`,
        shardId: id,
        streamArn,
        records: shard.held,
        invokeCount: shard.attempts,
        threw: shard.threw,
      });
      console.error(`[stream:${functionName}] discarded ${shard.held.length} records of shard ${id} after ${STREAM_RETRY_ATTEMPTS} retries; described on its failure destination (npm run outbox:replay)`);
      shard.held = [];
      shard.attempts = 0;
    }
    return batch.length - shard.held.length;
  };

  await discover();
  return startPollLoop(`stream:${functionName}`, async () => {
    if (Date.now() - lastDiscovery > 2_000) await discover();
    let delivered = 0;
    for (const [id, shard] of shards) delivered += await pollShard(id, shard);
    return delivered;
  }, 100);
};

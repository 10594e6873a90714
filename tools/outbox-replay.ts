// `npm run outbox:replay`: re-runs the stream batches a stream-triggered function gave up on.
//
// When a batch has used up its retries, Lambda (and the local stream poller, the same way) writes
// a pointer to it on the mapping's on-failure destination: `DDBStreamBatchInfo` with the stream,
// shard and sequence number range; the records stay in the stream for 24 hours. For each such
// message this reads the range back (GetShardIterator AT_SEQUENCE_NUMBER, GetRecords up to the end
// sequence number), keeps the records the trigger's filter lets through, and hands them to the
// function's real handler in Lambda's record shape. The handler runs here, in a worker of the
// local function runtime (local/function-runtime.ts) with the function's own environment from
// the manifest: the same code and variables as the deployed function, pointed at the same engines.
// A message is deleted only when the handler reported no failed record; anything else keeps it
// (and makes it visible again at the end), so the alarm on the destination stays until it is
// handled. Re-publishing is safe: consumers record each event once (docs/operations.md).
//
// Where: against the local cloud (the default) it asks `--api`'s /health (default
// http://localhost:$PORT or 3000) for the engines, with `--stage` (default local). With `--aws` it
// uses the SDK's usual configuration (AWS_REGION, credentials, AWS_ENDPOINT_URL for LocalStack)
// for the deployed `--stage`; tables the function binds are named by TABLE_* (stack outputs
// Table<Name>Name). Failure destinations are found by name prefix (local/pollers/stream-failures.ts),
// or given with `--queue-url` for one function.
//
// Flags: `--function <name>` (repeatable; default every stream-triggered function of the
// manifest), `--dry-run` (prints what it would replay, changes nothing), `--max <n>` (at most n
// messages), `--json` (the report as JSON on stdout). Exit code 0 when every message was
// replayed (or, with --dry-run, could be), 1 when any was kept, 2 on a usage error.
import '../local/loopback-dns.ts';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { manifest } from '../infra/manifest.ts';
import type { FunctionSpec } from '../infra/manifest-schema.ts';
import { awsTarget, environmentOf, localTarget, Unsupported, type Target } from './outbox-replay/targets.ts';
import { isGone, readRange } from './outbox-replay/stream-range.ts';
import { createFunctionRuntime, type FunctionRuntime } from '../local/function-runtime.ts';
import { matchesFilter, toLambdaRecord, type StreamFilter } from '../local/pollers/stream-poller.ts';
import { StreamFailureRecord, streamFailuresPrefix, type DDBStreamBatchInfo } from '../local/pollers/stream-failures.ts';

// The SDK warns that it will leave Node 20 in 2027; the warning is noise in a report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT_DIR = fileURLToPath(new URL('..', import.meta.url));
/** Received messages stay hidden this long while the run works through them. */
const REPLAY_VISIBILITY_SECONDS = 15 * 60;

const usage = (message: string): never => {
  console.error(`${message}\nUsage: npm run outbox:replay -- [--function <name>]... [--dry-run] [--max <n>] [--json] [--api <url> | --aws] [--stage <stage>] [--queue-url <url>]`);
  process.exit(2);
};

const { values: args } = parseArgs({
  options: {
    function: { type: 'string', multiple: true },
    'dry-run': { type: 'boolean', default: false },
    max: { type: 'string' },
    json: { type: 'boolean', default: false },
    api: { type: 'string' },
    aws: { type: 'boolean', default: false },
    stage: { type: 'string', default: 'local' },
    'queue-url': { type: 'string' },
  },
});

type StreamFunction = { name: string; spec: FunctionSpec; filter: StreamFilter; batchSize: number };
const streamFunctions: StreamFunction[] = Object.entries(manifest.functions).flatMap(([name, spec]) =>
  spec.trigger.type === 'stream' ? [{ name, spec, filter: spec.trigger.filter, batchSize: spec.trigger.batchSize }] : [],
);
const chosen = (args.function ?? streamFunctions.map((f) => f.name)).map(
  (name) => streamFunctions.find((f) => f.name === name) ?? usage(`${name} is not a stream-triggered function of the manifest (${streamFunctions.map((f) => f.name).join(', ')})`),
);
const max = args.max === undefined ? Infinity : Number(args.max);
if (max !== Infinity && (!Number.isInteger(max) || max < 1)) usage('--max takes a whole number of messages, at least 1');
if (args['queue-url'] && chosen.length !== 1) usage('--queue-url names the failure destination of one function: add --function <name>');
if (args.aws && args.api) usage('--aws and --api name different clouds: choose one');
const stage = args.stage;
const dryRun = args['dry-run'];


const listQueues = async (sqs: SQSClient, prefix: string): Promise<string[]> => {
  const urls: string[] = [];
  let token: string | undefined;
  do {
    const page = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, NextToken: token, MaxResults: 1000 }));
    urls.push(...(page.QueueUrls ?? []));
    token = page.NextToken;
  } while (token);
  return urls.sort();
};

type Outcome = 'replayed' | 'would-replay' | 'failed' | 'gone' | 'unreadable' | 'nothing-matches' | 'refused' | 'no-destination';
type Batch = {
  function: string;
  queueUrl: string;
  messageId?: string;
  batch?: DDBStreamBatchInfo;
  /** Records of the range read back, and those of them the trigger's filter lets through. */
  read?: number;
  matched?: number;
  records?: Array<{ sequenceNumber: string; eventName: string; entity?: string; keys: string }>;
  outcome: Outcome;
  detail: string;
};
const KEPT_OUTCOMES: readonly Outcome[] = ['failed', 'gone', 'unreadable', 'nothing-matches', 'refused', 'no-destination'];


const describeRecord = (r: DynamoDBRecord) => {
  const keys = Object.entries(unmarshall((r.dynamodb?.Keys ?? {}) as Record<string, AttributeValue>))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(' ');
  const image = r.eventName === 'REMOVE' ? r.dynamodb?.OldImage : r.dynamodb?.NewImage;
  return { sequenceNumber: r.dynamodb?.SequenceNumber ?? '', eventName: r.eventName ?? '', ...(image?.__edb_e__?.S ? { entity: image.__edb_e__.S } : {}), keys };
};

/** Invokes in the trigger's batch size, in order, stopping at the first failure as Lambda would. */
const replay = async (runtime: FunctionRuntime, fn: StreamFunction, records: DynamoDBRecord[]): Promise<string | undefined> => {
  for (let i = 0; i < records.length; i += fn.batchSize) {
    const chunk = records.slice(i, i + fn.batchSize);
    let response: DynamoDBBatchResponse | undefined;
    try {
      response = (await runtime.invoke(fn.name, { Records: chunk })) as DynamoDBBatchResponse | undefined;
    } catch (error) {
      return `the handler failed: ${(error as Error).message}`;
    }
    const failed = response?.batchItemFailures?.[0];
    if (failed) return `the handler reported a failure at sequence number ${failed.itemIdentifier || '(none given)'}`;
  }
  return undefined;
};

const replayMessage = async (fn: StreamFunction, queueUrl: string, message: Message, deps: { target: Target; runtime: FunctionRuntime; env: Promise<Record<string, string>> }): Promise<Batch> => {
  const base = { function: fn.name, queueUrl, messageId: message.MessageId };
  let parsed: StreamFailureRecord;
  try {
    parsed = StreamFailureRecord.parse(JSON.parse(message.Body ?? ''));
  } catch {
    return { ...base, outcome: 'unreadable', detail: 'the message is not a DynamoDB stream failure record (no DDBStreamBatchInfo)' };
  }
  const info = parsed.DDBStreamBatchInfo;
  const at = { ...base, batch: info };
  let read: StreamRecord[];
  try {
    read = await readRange(deps.target.streams, info);
  } catch (error) {
    const e = error as Error;
    if (isGone(e) || e.name === 'RangeNotFound')
      return { ...at, outcome: 'gone', detail: `the stream no longer holds these records (${e.name}: ${e.message}); they can no longer be replayed from it` };
    return { ...at, outcome: 'failed', detail: `reading the range failed (${e.name}: ${e.message})` };
  }
  const records = read.filter((r) => matchesFilter(r, fn.filter)).map((r) => toLambdaRecord(r, info.streamArn, deps.target.region));
  const counted = { ...at, read: read.length, matched: records.length, records: records.map(describeRecord) };
  if (records.length === 0) return { ...counted, outcome: 'nothing-matches', detail: `none of the ${read.length} records in the range passes the trigger's filter` };
  if (dryRun) return { ...counted, outcome: 'would-replay', detail: `would hand ${records.length} record(s) to ${fn.name}` };
  try {
    await deps.env;
  } catch (error) {
    if (error instanceof Unsupported) return { ...counted, outcome: 'refused', detail: `${fn.name} cannot be run from here: ${error.message}` };
    return { ...counted, outcome: 'failed', detail: `${fn.name}'s environment could not be made (${(error as Error).name}: ${(error as Error).message})` };
  }
  const failure = await replay(deps.runtime, fn, records);
  if (failure) return { ...counted, outcome: 'failed', detail: `${failure}; kept for another run (replaying again is safe)` };
  await deps.target.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  return { ...counted, outcome: 'replayed', detail: `${fn.name} took ${records.length} record(s) and reported no failures; message deleted` };
};

/** Up to `limit` messages, each hidden while this run works on it. */
const receiveAll = async (sqs: SQSClient, queueUrl: string, limit: number): Promise<Message[]> => {
  const messages: Message[] = [];
  while (messages.length < limit) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: Math.min(10, limit - messages.length), WaitTimeSeconds: 1, VisibilityTimeout: REPLAY_VISIBILITY_SECONDS }),
    );
    if (Messages.length === 0) break;
    messages.push(...Messages);
  }
  return messages;
};

const pointerOf = (m: Message): DDBStreamBatchInfo | undefined => {
  try {
    return StreamFailureRecord.safeParse(JSON.parse(m.Body ?? '')).data?.DDBStreamBatchInfo;
  } catch {
    return undefined;
  }
};

/** Shard order, so a replay publishes a shard's older batch before its newer one. */
const bySequence = (a: Message, b: Message): number => {
  const [x, y] = [pointerOf(a), pointerOf(b)];
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  if (x.streamArn !== y.streamArn || x.shardId !== y.shardId) return `${x.streamArn} ${x.shardId}` < `${y.streamArn} ${y.shardId}` ? -1 : 1;
  const d = BigInt(x.startSequenceNumber) - BigInt(y.startSequenceNumber);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

const release = async (sqs: SQSClient, queueUrl: string, messages: Message[]) => {
  for (let i = 0; i < messages.length; i += 10) {
    const chunk = messages.slice(i, i + 10);
    await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: chunk.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 })) }));
  }
};

const target = args.aws ? await awsTarget() : await localTarget(args.api ?? `http://localhost:${process.env.PORT ?? 3000}`, stage);
// The runtime asks for a function's environment when its worker starts, on the first invocation,
// which replayMessage makes only once that environment has resolved.
const environments = new Map<string, Record<string, string>>();
const runtime = createFunctionRuntime(manifest, ROOT_DIR, (name) => environments.get(name) ?? {});

const report: Batch[] = [];
const log = (line: string) => {
  if (!args.json) console.log(line);
};
let budget = max;
try {
  for (const fn of chosen) {
    if (budget <= 0) break;
    const prefix = streamFailuresPrefix(manifest.service, stage, fn.name);
    const queues = args['queue-url'] ? [args['queue-url']] : await listQueues(target.sqs, prefix);
    if (queues.length === 0) {
      report.push({ function: fn.name, queueUrl: '', outcome: 'no-destination', detail: `no failure destination named ${prefix}… ${args.aws ? '(pass --queue-url <url> of its StreamFailures queue)' : `(is the local cloud at stage ${stage}?)`}` });
      log(`${fn.name}: ${report.at(-1)!.detail}`);
      continue;
    }
    const env = environmentOf(fn, target, stage).then((e) => (environments.set(fn.name, e), e));
    env.catch(() => undefined); // reported per message (refused or failed)
    for (const queueUrl of queues) {
      if (budget <= 0) break;
      const messages = (await receiveAll(target.sqs, queueUrl, budget)).sort(bySequence);
      budget -= messages.length;
      log(`${fn.name}: ${messages.length} failed batch(es) on ${queueUrl}`);
      const deleted = new Set<string | undefined>();
      try {
        for (const message of messages) {
          const batch = await replayMessage(fn, queueUrl, message, { target, runtime, env });
          report.push(batch);
          if (batch.outcome === 'replayed') deleted.add(message.ReceiptHandle);
          const range = batch.batch ? `${batch.batch.shardId} ${batch.batch.startSequenceNumber}..${batch.batch.endSequenceNumber}` : `message ${batch.messageId}`;
          const counts = batch.read === undefined ? '' : ` (${batch.read} record(s) read, ${batch.matched} for ${fn.name})`;
          log(`  ${batch.outcome === 'replayed' ? 'replayed' : batch.outcome === 'would-replay' ? 'dry run ' : 'KEPT    '} ${range}${counts}: ${batch.detail}`);
          if (dryRun) for (const r of batch.records ?? []) log(`      ${r.eventName} ${r.sequenceNumber} ${r.entity ?? ''} ${r.keys}`);
        }
      } finally {
        // What was not replayed is visible again at once: for the alarm, and for the next run.
        await release(target.sqs, queueUrl, messages.filter((m) => !deleted.has(m.ReceiptHandle)));
      }
    }
  }
} finally {
  await runtime.stop();
  target.sqs.destroy();
  target.streams.destroy();
}

const replayed = report.filter((b) => b.outcome === (dryRun ? 'would-replay' : 'replayed')).length;
const kept = report.filter((b) => KEPT_OUTCOMES.includes(b.outcome)).length;
if (args.json) console.log(JSON.stringify({ dryRun, stage, batches: report, replayed, kept }, null, 2));
else console.log(`${dryRun ? 'Would replay' : 'Replayed'} ${replayed} failed batch(es); ${kept} kept${kept ? ' (see KEPT above; each stays on its failure destination)' : ''}.`);
process.exitCode = kept > 0 ? 1 : 0;

// No outbox event is lost silently, against the run's local cloud. While the domain events queue
// refuses one event (its largest message size is lowered below the event's size, as a queue
// outage would refuse every send), the outbox publisher fails on it, the stream retries it and
// then discards the batch, describing it on publishOutbox's failure destination exactly as Lambda
// does (DDBStreamBatchInfo: a pointer, not the records). Once the queue takes it again,
// `npm run outbox:replay` reads the range back from the stream and runs the publisher on it: the
// consumer records the event once, and replaying a duplicate of the pointer records nothing more,
// nor does the same event sent again past SQS's deduplication window. A pointer the stream no
// longer holds is reported and kept.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeTableCommand, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import {
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { cloud, eventually } from '../support/api.ts';
import { sharedScope } from '../support/scope.ts';
import { localStreamFailuresName } from '../../local/pollers/stream-failures.ts';

const run = promisify(execFile);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const SQS_LIMIT = String(1024 * 1024);
const REFUSED_ABOVE = String(64 * 1024);

let sqs: SQSClient;
let dynamo: DynamoDBClient;
let failureQueueUrl: string;
let eventsQueueUrl: string;

type Replay = { code: number; report: { dryRun: boolean; batches: Array<Record<string, any>>; replayed: number; kept: number }; stderr: string };

/** Runs the npm script's command against this run's cloud; resolves with its exit code and JSON report. */
const replay = async (...extra: string[]): Promise<Replay> => {
  const argv = ['tsx', 'tools/outbox-replay.ts', '--api', cloud().apiUrl, '--stage', 'test', '--function', 'publishOutbox', '--json', ...extra];
  try {
    const { stdout, stderr } = await run('npx', argv, { env: process.env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, report: JSON.parse(stdout), stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (e.code !== 1) throw new Error(`outbox:replay failed (${e.code}): ${e.stderr}`);
    return { code: 1, report: JSON.parse(e.stdout ?? ''), stderr: e.stderr ?? '' };
  }
};

/** The failure record on the destination, left visible (VisibilityTimeout 0) for the replay. */
const peekFailure = async (match: (pointer: Record<string, any>) => boolean, describedSince = 0) => {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: failureQueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0, WaitTimeSeconds: 1 }));
  return Messages.map((m) => ({ message: m, body: JSON.parse(m.Body ?? '{}') })).find(
    (m) => m.body.DDBStreamBatchInfo && match(m.body.DDBStreamBatchInfo) && Date.parse(m.body.timestamp) >= describedSince,
  );
};
const same = (pointer: Record<string, any>) => (other: Record<string, any>) => other.shardId === pointer.shardId && other.startSequenceNumber === pointer.startSequenceNumber;

/** The tenant's recorded events (the consumer's log), read straight from the table. */
const recordedEvents = async (tenantId: string) => {
  const { Items = [] } = await dynamo.send(
    new QueryCommand({ TableName: cloud().tables.main, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `${tenantId}#events` } }, ConsistentRead: true }),
  );
  return Items.map((i) => i.eventId?.S);
};

const recordedAtOf = async (tenantId: string, eventId: string) => {
  const { Items = [] } = await dynamo.send(
    new QueryCommand({ TableName: cloud().tables.main, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': { S: `${tenantId}#events` }, ':sk': { S: `event#${eventId}` } }, ConsistentRead: true }),
  );
  return Items[0]?.recordedAt?.S;
};

beforeAll(async () => {
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  sqs = new SQSClient({ endpoint: cloud().endpoints.sqs, region: 'us-east-1', credentials });
  dynamo = new DynamoDBClient({ endpoint: cloud().endpoints.dynamodb, region: 'us-east-1', credentials });
  eventsQueueUrl = cloud().queues.domainEvents!.url;
  // The destination the local cloud made for publishOutbox's mapping on the main table.
  ({ QueueUrl: failureQueueUrl = '' } = await sqs.send(new GetQueueUrlCommand({ QueueName: localStreamFailuresName('storefleet', 'test', 'publishOutbox') })));
});

afterAll(async () => {
  await sqs?.send(new SetQueueAttributesCommand({ QueueUrl: eventsQueueUrl, Attributes: { MaximumMessageSize: SQS_LIMIT } }));
  sqs?.destroy();
  dynamo?.destroy();
});

describe('outbox:replay', () => {
  it('puts an event the publisher gave up on back through it, once, from the stream', async () => {
    const { createOutboxEventEntity, outboxItem, toDomainEvent } = await import('../../domain/shared/events/outbox-event.ts');
    const { newId } = await import('../../domain/shared/ids.ts');
    const scope = await sharedScope(cloud().tables.main);
    const outbox = createOutboxEventEntity(scope.tenantTable, scope.client);
    const tenantId = newId('tenant');
    // Larger than the queue takes while it refuses, well within what it takes again after.
    const item = outboxItem(tenantId, 'test.replayed', { note: 'x'.repeat(100 * 1024) }, new Date());

    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: eventsQueueUrl, Attributes: { MaximumMessageSize: REFUSED_ABOVE } }));
    let failure: NonNullable<Awaited<ReturnType<typeof peekFailure>>>;
    const written = Date.now();
    try {
      await outbox.create(item).go();
      // Ours is the first described after the write (a leftover of another test would be older).
      failure = await eventually(() => peekFailure(() => true, written), 30_000);
    } finally {
      await sqs.send(new SetQueueAttributesCommand({ QueueUrl: eventsQueueUrl, Attributes: { MaximumMessageSize: SQS_LIMIT } }));
    }

    // What Lambda sends to an on-failure destination for a DynamoDB stream batch.
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: cloud().tables.main }));
    expect(failure.body).toEqual({
      requestContext: { requestId: expect.any(String), functionArn: expect.stringMatching(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:publishOutbox$/), condition: 'RetryAttemptsExhausted', approximateInvokeCount: 4 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      DDBStreamBatchInfo: {
        shardId: expect.stringMatching(/^shardId-/),
        startSequenceNumber: expect.stringMatching(/^\d+$/),
        endSequenceNumber: expect.stringMatching(/^\d+$/),
        approximateArrivalOfFirstRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        approximateArrivalOfLastRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        batchSize: expect.any(Number),
        streamArn: Table?.LatestStreamArn,
      },
    });
    const pointer = failure.body.DDBStreamBatchInfo;
    expect(BigInt(pointer.endSequenceNumber)).toBeGreaterThanOrEqual(BigInt(pointer.startSequenceNumber));
    expect(await recordedEvents(tenantId)).toEqual([]);

    // A dry run names the event's record and changes nothing.
    const dry = await replay('--dry-run');
    const planned = dry.report.batches.find((b) => b.batch && same(pointer)(b.batch));
    expect(dry.code).toBe(0);
    expect(planned).toMatchObject({ outcome: 'would-replay', records: expect.arrayContaining([expect.objectContaining({ eventName: 'INSERT', entity: 'outboxEvent', keys: `pk=${tenantId}#outbox#${item.eventId} sk=outbox` })]) });
    expect(await recordedEvents(tenantId)).toEqual([]);
    expect(await peekFailure(same(pointer))).toBeDefined();

    // The replay: published from the stream, recorded by the consumer, the pointer deleted.
    const first = await replay();
    expect(first.code).toBe(0);
    expect(first.report.batches.find((b) => b.batch && same(pointer)(b.batch))).toMatchObject({ outcome: 'replayed', matched: expect.any(Number) });
    await eventually(async () => ((await recordedEvents(tenantId)).length > 0 ? true : undefined));
    expect(await recordedEvents(tenantId)).toEqual([item.eventId]);
    expect(await peekFailure(same(pointer))).toBeUndefined();

    // Again, with a duplicate of the pointer (SQS delivers at least once) and a pointer to a
    // shard the stream no longer holds (every shard goes 24 hours after its last record): the
    // duplicate is replayed and records nothing new; the lost one is reported and kept, visible
    // again at once (for the alarm and the next run) rather than hidden for the run's 15 minutes.
    const lost = {
      ...failure.body,
      DDBStreamBatchInfo: { ...pointer, shardId: 'shardId-00000001000000000000-deadbeef', startSequenceNumber: '000000000000000000001', endSequenceNumber: '000000000000000000002' },
    };
    await sqs.send(new SendMessageCommand({ QueueUrl: failureQueueUrl, MessageBody: failure.message.Body }));
    await sqs.send(new SendMessageCommand({ QueueUrl: failureQueueUrl, MessageBody: JSON.stringify(lost) }));
    try {
      const again = await replay();
      expect(again.code).toBe(1);
      expect(again.report.batches.find((b) => b.batch && same(pointer)(b.batch))).toMatchObject({ outcome: 'replayed' });
      expect(again.report.batches.find((b) => b.batch && same(lost.DDBStreamBatchInfo)(b.batch))).toMatchObject({
        outcome: 'gone',
        detail: expect.stringContaining('the stream no longer holds these records'),
      });
      expect(await peekFailure(same(lost.DDBStreamBatchInfo))).toBeDefined();
    } finally {
      // Leave the shared cloud's destination as the test found it.
      const kept = await peekFailure(same(lost.DDBStreamBatchInfo));
      if (kept) await sqs.send(new DeleteMessageCommand({ QueueUrl: failureQueueUrl, ReceiptHandle: kept.message.ReceiptHandle }));
    }

    // The replays re-sent within SQS's 5-minute deduplication window, which dropped the copy. Past
    // it the consumer is what keeps the event once: the same event under another deduplication id,
    // then a later one of the tenant (same message group, so consumed after it), leave one record.
    const recordedAt = await recordedAtOf(tenantId, item.eventId);
    const later = outboxItem(tenantId, 'test.later', {}, new Date());
    const send = (event: typeof item, deduplicationId: string) =>
      sqs.send(
        new SendMessageCommand({ QueueUrl: eventsQueueUrl, MessageBody: JSON.stringify(toDomainEvent(event)), MessageGroupId: tenantId, MessageDeduplicationId: deduplicationId }),
      );
    await send(item, `${item.eventId}-after-the-window`);
    await send(later, later.eventId);
    await eventually(async () => ((await recordedEvents(tenantId)).includes(later.eventId) ? true : undefined));
    expect(await recordedEvents(tenantId)).toEqual([item.eventId, later.eventId]);
    expect(await recordedAtOf(tenantId, item.eventId)).toBe(recordedAt);
  }, 120_000);
});

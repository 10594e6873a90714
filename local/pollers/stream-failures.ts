// A stream mapping's on-failure destination, locally: the SQS queue a discarded batch is described
// in, and the description itself, in the shape Lambda writes for a DynamoDB stream (an invocation
// record whose `DDBStreamBatchInfo` points at the records; the records themselves stay in the
// stream). `npm run outbox:replay` reads these back, here and in AWS alike.
//
// Names follow what CloudFormation makes of the CDK's queue (infra/constructs/triggers.ts, id
// `StreamFailures` under the function, `StreamFailures<silo stack>` for a silo table's mapping):
// `<Stack>-<Function>StreamFailures…`, where the stack is `Storefleet-<stage>` (infra/app.ts). So
// one prefix finds every failure destination of a function, locally and in a deployed stage.
import { createHash, randomUUID } from 'node:crypto';
import { CreateQueueCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';
import { z } from 'zod';
import { pascal } from '../../infra/constructs/naming.ts';

/** Every failure destination of `functionName` in the stage has a name starting with this. */
export const streamFailuresPrefix = (service: string, stage: string, functionName: string): string =>
  `${pascal(service)}-${stage}-${pascal(functionName)}StreamFailures`;

/**
 * The local destination of one mapping: the prefix alone for the function's own table, plus a
 * short digest of the table for any other (a silo tenant's), as the CDK adds the silo stack's id.
 */
export const localStreamFailuresName = (service: string, stage: string, functionName: string, otherTable?: string): string => {
  const name = `${streamFailuresPrefix(service, stage, functionName)}${otherTable ? createHash('sha256').update(otherTable).digest('hex').slice(0, 8).toUpperCase() : ''}`;
  if (name.length > 80) throw new Error(`stream failure queue name ${name} is longer than SQS allows (80)`);
  return name;
};

/** As triggers.ts: a failure destination keeps its pointers as long as SQS allows. */
const FAILURE_RETENTION_SECONDS = 14 * 24 * 3600;

/** Creates the destination if it is missing (CreateQueue with the same attributes is a no-op); returns its URL. */
export const ensureStreamFailureQueue = async (sqs: SQSClient, name: string): Promise<string> => {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { MessageRetentionPeriod: String(FAILURE_RETENTION_SECONDS) } }));
  if (!QueueUrl) throw new Error(`Queue ${name} was not created`);
  return QueueUrl;
};

/** The pointer Lambda writes: which shard, which sequence numbers, of which stream. */
export const DDBStreamBatchInfo = z.object({
  shardId: z.string().min(1),
  startSequenceNumber: z.string().min(1),
  endSequenceNumber: z.string().min(1),
  approximateArrivalOfFirstRecord: z.string(),
  approximateArrivalOfLastRecord: z.string(),
  batchSize: z.number().int(),
  streamArn: z.string().min(1),
});
export type DDBStreamBatchInfo = z.infer<typeof DDBStreamBatchInfo>;

/** The invocation record of a discarded stream batch (only what a replay needs is required). */
export const StreamFailureRecord = z.object({
  requestContext: z.object({ requestId: z.string(), functionArn: z.string(), condition: z.string(), approximateInvokeCount: z.number() }).partial().optional(),
  responseContext: z.object({ statusCode: z.number(), executedVersion: z.string(), functionError: z.string() }).partial().optional(),
  version: z.string().optional(),
  timestamp: z.string().optional(),
  DDBStreamBatchInfo,
});
export type StreamFailureRecord = z.infer<typeof StreamFailureRecord>;

// DynamoDB stream arrival times are whole seconds; Lambda writes them without a fraction.
const arrival = (record: DynamoDBRecord): string =>
  new Date((record.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export type DiscardedBatch = {
  functionArn: string;
  shardId: string;
  streamArn: string;
  records: readonly DynamoDBRecord[];
  invokeCount: number;
  /** The last attempt threw (Lambda: `Unhandled`) rather than reporting a failed record. */
  threw: boolean;
};

/** What Lambda sends to the on-failure destination once a batch has used up its retries. */
export const streamFailureRecord = (batch: DiscardedBatch, now = new Date()): StreamFailureRecord => {
  const first = batch.records[0];
  const last = batch.records.at(-1);
  if (!first || !last) throw new Error('a discarded batch has at least one record');
  return {
    requestContext: { requestId: randomUUID(), functionArn: batch.functionArn, condition: 'RetryAttemptsExhausted', approximateInvokeCount: batch.invokeCount },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(batch.threw ? { functionError: 'Unhandled' } : {}) },
    version: '1.0',
    timestamp: now.toISOString(),
    DDBStreamBatchInfo: {
      shardId: batch.shardId,
      startSequenceNumber: first.dynamodb?.SequenceNumber ?? '',
      endSequenceNumber: last.dynamodb?.SequenceNumber ?? '',
      approximateArrivalOfFirstRecord: arrival(first),
      approximateArrivalOfLastRecord: arrival(last),
      batchSize: batch.records.length,
      streamArn: batch.streamArn,
    },
  };
};

export const sendStreamFailure = async (sqs: SQSClient, queueUrl: string, batch: DiscardedBatch): Promise<void> => {
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(streamFailureRecord(batch)) }));
};

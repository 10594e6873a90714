// Lambda's SQS event source, locally: receive up to batchSize messages, invoke the consumer, then
// delete only the messages it did not report in batchItemFailures. Failed messages come back and,
// once received maxReceiveCount times, move to the DLQ: the queue does that (fauxqs and
// LocalStack honour the RedrivePolicy as SQS does), on the receive after the last allowed one.
// One difference from AWS, in time only: a failed message comes back after LOCAL_RETRY_SECONDS
// times the deliveries it has had (1 s, 2 s, ...), not its whole visibility timeout. Here the
// invocation is known to be over (a timed-out one has had its instance ended), so nothing can be
// delivered twice, and a message that always fails reaches its DLQ (and its deadLetter consumer)
// in seconds instead of maxReceiveCount visibility timeouts.
import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FunctionRuntime } from '../function-runtime.ts';
import type { ProvisionedQueue } from '../provision.ts';
import { LOCAL_REGION } from '../aws-local.ts';
import { DEAD_LETTER_VISIBILITY_TIMEOUT_SECONDS } from '../../infra/manifest-schema.ts';
import { startPollLoop, type Poller } from './poller.ts';

export const LOCAL_RETRY_SECONDS = 1;

/** A queue's DLQ as a source of its own (a `deadLetter` trigger), with the DLQ's default visibility timeout. */
export const deadLettersOf = (queue: ProvisionedQueue, name: string): ProvisionedQueue => {
  if (!queue.dlqUrl) throw new Error(`queue ${name} has no dead-letter queue`);
  const dlqName = queue.dlqUrl.slice(queue.dlqUrl.lastIndexOf('/') + 1);
  return { url: queue.dlqUrl, arn: queue.arn.replace(/[^:]+$/, dlqName), spec: { ...queue.spec, visibilityTimeoutSeconds: DEAD_LETTER_VISIBILITY_TIMEOUT_SECONDS, deadLetter: undefined } };
};

const toRecord = (m: Message, queue: ProvisionedQueue): SQSRecord => ({
  messageId: m.MessageId ?? '',
  receiptHandle: m.ReceiptHandle ?? '',
  body: m.Body ?? '',
  attributes: m.Attributes as unknown as SQSRecord['attributes'],
  messageAttributes: Object.fromEntries(
    Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [
      k,
      { dataType: v.DataType ?? 'String', stringValue: v.StringValue, binaryValue: v.BinaryValue ? Buffer.from(v.BinaryValue).toString('base64') : undefined, stringListValues: [], binaryListValues: [] },
    ]),
  ),
  md5OfBody: m.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: queue.arn,
  awsRegion: LOCAL_REGION,
});

export const startSqsPoller = (
  functionName: string,
  queue: ProvisionedQueue,
  batchSize: number,
  deps: { sqs: SQSClient; runtime: FunctionRuntime },
): Poller =>
  startPollLoop(`sqs:${functionName}`, async () => {
    const { Messages = [] } = await deps.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: Math.min(10, batchSize),
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return 0;
    const event: SQSEvent = { Records: Messages.map((m) => toRecord(m, queue)) };
    let failed: Set<string>;
    try {
      const response = (await deps.runtime.invoke(functionName, event)) as SQSBatchResponse | undefined;
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      // A thrown invocation fails the whole batch: every message comes back.
      console.error(`[sqs:${functionName}] ${(error as Error).message}`);
      await retrySoon(deps.sqs, queue, Messages);
      return 0;
    }
    const done = Messages.filter((m) => !failed.has(m.MessageId ?? ''));
    if (done.length)
      await deps.sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: queue.url, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }),
      );
    await retrySoon(deps.sqs, queue, Messages.filter((m) => failed.has(m.MessageId ?? '')));
    return Messages.length;
  }, 50);

/** Shortens the failed messages' remaining visibility (see the top of this file). */
const retrySoon = async (sqs: SQSClient, queue: ProvisionedQueue, messages: readonly Message[]): Promise<void> => {
  const delay = (m: Message) => LOCAL_RETRY_SECONDS * Math.max(1, Number(m.Attributes?.ApproximateReceiveCount ?? 1));
  const sooner = messages.filter((m) => delay(m) < queue.spec.visibilityTimeoutSeconds);
  if (!sooner.length) return;
  await sqs.send(
    new ChangeMessageVisibilityBatchCommand({
      QueueUrl: queue.url,
      Entries: sooner.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: delay(m) })),
    }),
  );
};

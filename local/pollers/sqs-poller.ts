// Lambda's SQS event source, locally: receive up to batchSize messages, invoke the consumer, then
// delete only the messages it did not report in batchItemFailures. Failed messages come back
// after the visibility timeout and move to the DLQ after maxReceiveCount (done by the queue).
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FunctionRuntime } from '../function-runtime.ts';
import type { ProvisionedQueue } from '../provision.ts';
import { LOCAL_REGION } from '../aws-local.ts';
import { startPollLoop, type Poller } from './poller.ts';

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
      // A thrown invocation fails the whole batch: every message returns after its visibility timeout.
      console.error(`[sqs:${functionName}] ${(error as Error).message}`);
      return 0;
    }
    const done = Messages.filter((m) => !failed.has(m.MessageId ?? ''));
    if (done.length)
      await deps.sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: queue.url, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }),
      );
    return Messages.length;
  }, 50);

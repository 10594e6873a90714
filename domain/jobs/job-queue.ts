// Queues a job's chunks on its FIFO queue: one message group per job keeps chunks in order, and
// the chunk index as deduplication id makes a re-send within five minutes a no-op.
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

const SQS_BATCH = 10;

export const enqueueChunks = async (sqs: SQSClient, queueUrl: string, jobId: string, chunks: readonly unknown[]): Promise<void> => {
  for (let i = 0; i < chunks.length; i += SQS_BATCH) {
    const entries = chunks.slice(i, i + SQS_BATCH).map((chunk, j) => ({
      Id: String(i + j),
      MessageBody: JSON.stringify(chunk),
      MessageGroupId: jobId,
      MessageDeduplicationId: `${jobId}-${i + j}`,
    }));
    const { Failed = [] } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    if (Failed.length) throw new Error(`Could not queue ${Failed.length} chunks of job ${jobId}: ${Failed[0]?.Message ?? Failed[0]?.Code}`);
  }
};

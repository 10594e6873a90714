// Hands each new priceChange record (written in its change's transaction) to the FIFO
// priceFanouts queue: one message group per tenant keeps a chain's changes in order, and the
// sequence number as deduplication id makes a re-sent record a no-op. As the outbox publisher,
// the batch stops at the first failure so the shard resumes from there.
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { boundQueueUrl } from '../../domain/shared/bindings.ts';
import { PriceFanout } from '../../domain/pricing/price-fanout.ts';
import { logger } from '../middleware/logger.ts';

const queueUrl = boundQueueUrl('priceFanouts');
const sqs = new SQSClient({});

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    try {
      const change = PriceFanout.parse(unmarshall((record.dynamodb?.NewImage ?? {}) as Record<string, AttributeValue>));
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(change),
          MessageGroupId: change.tenantId,
          MessageDeduplicationId: `${change.tenantId}-${change.sequence}`,
        }),
      );
    } catch (error) {
      logger.error('Price change not queued; the shard will retry from here', { error, sequence: record.dynamodb?.SequenceNumber });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};

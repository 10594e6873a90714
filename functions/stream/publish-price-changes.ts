// Hands each new priceChange record (written in its change's transaction) to the FIFO
// priceFanouts queue: one message group per tenant keeps a chain's changes in order, and the
// sequence number as deduplication id makes a re-sent record a no-op. As the outbox publisher,
// the batch stops at the first failure so the shard resumes from there.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { boundQueueUrl } from '../../domain/shared/bindings.ts';
import { publishInOrder } from '../../domain/shared/events/in-order.ts';
import { sendFifo } from '../../domain/shared/events/publish.ts';
import { PriceFanout } from '../../domain/pricing/price-fanout.ts';
import { logger } from '../middleware/logger.ts';

const queueUrl = boundQueueUrl('priceFanouts');

export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  publishInOrder(
    event.Records,
    async (record) => {
      const change = PriceFanout.parse(unmarshall((record.dynamodb?.NewImage ?? {}) as Record<string, AttributeValue>));
      await sendFifo(queueUrl, { body: change, groupId: change.tenantId, deduplicationId: `${change.tenantId}-${change.sequence}` });
    },
    (error, sequence) => logger.error('Price change not queued; the shard will retry from here', { error, sequence }),
  );

// Outbox publisher: each outbox record's domain event to the FIFO events queue, strictly in order
// and stopping at the first failure (publishInOrder), so no later event overtakes an earlier one.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { boundQueueUrl } from '../../domain/shared/bindings.ts';
import { publishInOrder } from '../../domain/shared/events/in-order.ts';
import { publishDomainEvent } from '../../domain/shared/events/publish.ts';
import { domainEventsFromStreamRecord } from '../../domain/shared/events/outbox-record.ts';
import { logger } from '../middleware/logger.ts';

const queueUrl = boundQueueUrl('domainEvents');

export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  publishInOrder(
    event.Records,
    async (record) => {
      // One item may carry several events; a retry after a partial failure sends the first again,
      // which the queue's deduplication by event id and the events store's create-once absorb.
      for (const event of domainEventsFromStreamRecord(record)) await publishDomainEvent(event, queueUrl);
    },
    (error, sequence) => logger.error('Outbox publish failed; the shard will retry from here', { error, sequence }),
  );

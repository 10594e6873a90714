// Outbox publisher. Records are published strictly in order and the batch stops at the first
// failure: Lambda resumes the shard from the reported sequence number, so no later event can
// overtake an earlier one. (Powertools' BatchProcessor would carry on past a failure.)
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { boundQueueUrl } from '../../domain/shared/bindings.ts';
import { publishDomainEvent } from '../../domain/shared/events/publish.ts';
import { domainEventFromStreamRecord } from '../../domain/shared/events/outbox-record.ts';
import { logger } from '../middleware/logger.ts';

const queueUrl = boundQueueUrl('domainEvents');

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    try {
      await publishDomainEvent(domainEventFromStreamRecord(record), queueUrl);
    } catch (error) {
      logger.error('Outbox publish failed; the shard will retry from here', { error, sequence: record.dynamodb?.SequenceNumber });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};

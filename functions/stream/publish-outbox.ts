// The table's changes that something must follow, read off its stream:
// - each outbox item's domain events go to the FIFO events queue, strictly in order and stopping
//   at the first failure (publishInOrder), so no later event overtakes an earlier one;
// - each stock level change that moved onHand writes its ledger line's movement item
//   (movement-projection.ts).
// One consumer does both because a DynamoDB stream serves two readers a shard without throttling
// and the table's stream already has three: a new reader per follower would cost every one of them.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { boundQueueUrl } from '../../domain/shared/bindings.ts';
import { publishInOrder } from '../../domain/shared/events/in-order.ts';
import { publishDomainEvent } from '../../domain/shared/events/publish.ts';
import { domainEventsFromStreamRecord, isOutboxInsert } from '../../domain/shared/events/outbox-record.ts';
import { movementOfStreamRecord, writeMovements } from '../../domain/inventory/ledger/movement-projection.ts';
import { createStockService } from '../../domain/inventory/stock-service.ts';
import { scoped } from '../../tenants/data-access.ts';
import { logger } from '../middleware/logger.ts';

const queueUrl = boundQueueUrl('domainEvents');
const stockOf = scoped(createStockService);

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  // Movement puts are idempotent and need no order among themselves or with the events, so the
  // batch's lines go first, 25 a call; if they fail, the whole batch comes again.
  const movements = event.Records.flatMap((r) => movementOfStreamRecord(r) ?? []);
  try {
    await writeMovements(movements, stockOf);
  } catch (error) {
    const first = event.Records[0]?.dynamodb?.SequenceNumber;
    logger.error('Ledger lines not written; the shard will retry the batch', { error, sequence: first });
    return { batchItemFailures: [{ itemIdentifier: first ?? '' }] };
  }
  return publishInOrder(
    event.Records.filter(isOutboxInsert),
    async (record) => {
      // One item may carry several events; a retry after a partial failure sends the first again,
      // which the queue's deduplication by event id and the events store's create-once absorb.
      for (const event of domainEventsFromStreamRecord(record)) await publishDomainEvent(event, queueUrl);
    },
    (error, sequence) => logger.error('Outbox publish failed; the shard will retry from here', { error, sequence }),
  );
};

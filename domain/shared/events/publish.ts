// Sends domain events to the FIFO events queue: one message group per tenant keeps a tenant's
// events in order, and the event id as deduplication id makes a re-sent event a no-op for 5 min.
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { DomainEvent } from './domain-event.ts';

export const sqsClient = new SQSClient({});

export const publishDomainEvent = async (event: DomainEvent, queueUrl: string, client: SQSClient = sqsClient): Promise<void> => {
  await client.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(event),
      MessageGroupId: event.tenantId,
      MessageDeduplicationId: event.id,
      MessageAttributes: { type: { DataType: 'String', StringValue: event.type } },
    }),
  );
};

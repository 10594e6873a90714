// Sends domain events to the FIFO events queue: one message group per tenant keeps a tenant's
// events in order, and the event id as deduplication id makes a re-sent event a no-op for 5 min.
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { DomainEvent } from './domain-event.ts';

export const sqsClient = new SQSClient({});

/** A message to a FIFO queue: in order within its group, sent at most once per deduplication id. */
export type FifoMessage = { body: unknown; groupId: string; deduplicationId: string; attributes?: Record<string, string> };

export const sendFifo = async (queueUrl: string, message: FifoMessage, client: SQSClient = sqsClient): Promise<void> => {
  await client.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(message.body),
      MessageGroupId: message.groupId,
      MessageDeduplicationId: message.deduplicationId,
      ...(message.attributes && { MessageAttributes: Object.fromEntries(Object.entries(message.attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])) }),
    }),
  );
};

export const publishDomainEvent = (event: DomainEvent, queueUrl: string, client: SQSClient = sqsClient): Promise<void> =>
  sendFifo(queueUrl, { body: event, groupId: event.tenantId, deduplicationId: event.id, attributes: { type: event.type } }, client);

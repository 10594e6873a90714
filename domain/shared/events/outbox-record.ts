// Reads an outbox item back out of a DynamoDB stream record.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { z } from 'zod';
import type { DomainEvent } from './domain-event.ts';

const OutboxImage = z.object({
  __edb_e__: z.literal('outboxEvent'),
  tenantId: z.string(),
  eventId: z.string(),
  type: z.string(),
  occurredAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
  also: z.array(z.object({ eventId: z.string(), type: z.string(), payload: z.record(z.string(), z.unknown()) })).optional(),
});

/** A stream record of a new outbox item (the table's stream carries other items' changes too). */
export const isOutboxInsert = (record: DynamoDBRecord): boolean => record.eventName === 'INSERT' && record.dynamodb?.NewImage?.__edb_e__?.S === 'outboxEvent';

/** The events of one outbox item, in the order they are to be published. */
export const domainEventsFromStreamRecord = (record: DynamoDBRecord): DomainEvent[] => {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) throw new Error(`Not an outbox insert: ${record.eventName}`);
  const item = OutboxImage.parse(unmarshall(image as Record<string, AttributeValue>));
  return [item, ...(item.also ?? [])].map((e) => ({ id: e.eventId, type: e.type, tenantId: item.tenantId, occurredAt: item.occurredAt, payload: e.payload }));
};

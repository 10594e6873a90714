// An event written in the same transaction as the change it describes. The table stream hands
// it to functions/stream/publish-outbox.ts, so an event exists if and only if its change does.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../data-scope.ts';
import { newId } from '../ids.ts';
import type { DomainEvent } from './domain-event.ts';

/** Published events need the outbox item only until the stream has delivered it. */
const OUTBOX_RETENTION_SECONDS = 7 * 24 * 3600;

export const createOutboxEventEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'outboxEvent', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        eventId: { type: 'string', required: true, readOnly: true },
        type: { type: 'string', required: true, readOnly: true },
        occurredAt: { type: 'string', required: true, readOnly: true },
        payload: { type: 'any', required: true, readOnly: true },
        /** Further events of the same change, in order ({ eventId, type, payload }): one item, one write, however many events. */
        also: { type: 'any', readOnly: true },
        expiresAt: { type: 'number', required: true, readOnly: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'eventId'], template: '${tenantId}#outbox#${eventId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'outbox', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type OutboxEventEntity = ReturnType<typeof createOutboxEventEntity>;

export type NewEvent = { type: string; payload: Record<string, unknown> };

/** The outbox item for a new event; put it in the same transaction as the change. */
export const outboxItem = (tenantId: string, type: string, payload: Record<string, unknown>, now: Date) => outboxItemOf(tenantId, [{ type, payload }], now);

/**
 * One outbox item carrying several events of one change, published in the order given (a
 * transaction's write units grow with its items, and a checkout announces three events).
 */
export const outboxItemOf = (tenantId: string, events: readonly NewEvent[], now: Date) => {
  if (events.length === 0) throw new Error('An outbox item carries at least one event');
  const [first, ...rest] = events.map((e) => ({ eventId: newId('event', now.getTime()), ...e }));
  return {
    tenantId,
    eventId: first!.eventId,
    type: first!.type,
    occurredAt: now.toISOString(),
    payload: first!.payload,
    ...(rest.length ? { also: rest } : {}),
    expiresAt: Math.floor(now.getTime() / 1000) + OUTBOX_RETENTION_SECONDS,
  };
};

export const toDomainEvent = (item: ReturnType<typeof outboxItem>): DomainEvent => ({
  id: item.eventId,
  type: item.type,
  tenantId: item.tenantId,
  occurredAt: item.occurredAt,
  payload: item.payload,
});

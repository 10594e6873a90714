// IoT Core's connect and disconnect events, through a topic rule and its queue: whether each
// terminal is online (domain/terminals/record-presence.ts). Failed records are retried alone.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { PresenceEvent, presenceOrder } from '../../iot/lifecycle-events.ts';
import { recordPresence } from '../../domain/terminals/record-presence.ts';
import { createTerminalService } from '../../domain/terminals/terminal-service.ts';
import { platformScope, scoped } from '../../tenants/data-access.ts';
import { logger } from '../middleware/logger.ts';

const platform = createTerminalService(platformScope());
const terminalsOf = scoped(createTerminalService);
const processor = new BatchProcessor(EventType.SQS);

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const recordHandler = async (record: SQSRecord): Promise<void> => {
  const parsed = PresenceEvent.safeParse(parseJson(record.body));
  // Only IoT Core publishes on the lifecycle topics; a body it did not write is dropped, not retried.
  if (!parsed.success) return void logger.warn('Not a lifecycle event', { issues: parsed.error.issues });
  const event = parsed.data;
  // The terminal policy lets a terminal connect only as its thing, so the client id is the thing
  // name; for a certificate, IoT Core's principalIdentifier is its id, which the domain checks.
  const change = { thingName: event.clientId, certificateId: event.principalIdentifier, connected: event.eventType === 'connected', at: new Date(event.timestamp), order: presenceOrder(event) };
  const outcome = await recordPresence(change, { platform, terminalsOf });
  logger.debug('Presence', { clientId: parsed.data.clientId, eventType: parsed.data.eventType, outcome });
};

export const handler = async (event: SQSEvent, context: Context) => processPartialResponse(event, recordHandler, processor, { context });

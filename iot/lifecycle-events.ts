// IoT Core's lifecycle events: it publishes one when a client connects and one when it goes, on
// reserved topics no device may publish to. They may arrive late, twice or out of order, so a
// consumer orders them by `versionNumber` (new with each connection of a client id), a disconnect
// after the connect of the same version.
import { z } from 'zod';

export const PRESENCE_TOPIC_ROOT = '$aws/events/presence';
export const PRESENCE_TOPIC_FILTER = `${PRESENCE_TOPIC_ROOT}/+/+`;
export const presenceTopic = (eventType: PresenceEvent['eventType'], clientId: string) => `${PRESENCE_TOPIC_ROOT}/${eventType}/${clientId}`;

export const PresenceEvent = z.object({
  clientId: z.string().min(1),
  eventType: z.enum(['connected', 'disconnected']),
  /** Milliseconds since the epoch. */
  timestamp: z.number().int().nonnegative(),
  versionNumber: z.number().int().nonnegative(),
  sessionIdentifier: z.string().optional(),
  principalIdentifier: z.string().optional(),
  ipAddress: z.string().optional(),
  clientInitiatedDisconnect: z.boolean().optional(),
  disconnectReason: z.string().optional(),
});
export type PresenceEvent = z.infer<typeof PresenceEvent>;

/** One number that orders a client's events: connections by version, each disconnect after its connect. */
export const presenceOrder = (event: Pick<PresenceEvent, 'versionNumber' | 'eventType'>): number =>
  event.versionNumber * 2 + (event.eventType === 'disconnected' ? 1 : 0);

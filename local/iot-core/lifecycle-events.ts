// IoT Core's connect and disconnect lifecycle events, locally: published by the broker itself (so
// topic rules see them) for every client it admitted. The version number is the connection's start
// in milliseconds, which grows with each connection of a client id, across restarts too.
import { randomUUID } from 'node:crypto';
import type { Aedes, Client } from 'aedes';
import { presenceTopic, type PresenceEvent } from '../../iot/lifecycle-events.ts';

type Session = { versionNumber: number; sessionIdentifier: string; principalIdentifier: string };

export const publishLifecycleEvents = (broker: Aedes, principalOf: (client: Client) => string | undefined) => {
  const sessions = new WeakMap<Client, Session>();
  let last = 0;

  const publish = (event: PresenceEvent) =>
    broker.publish({ cmd: 'publish', topic: presenceTopic(event.eventType, event.clientId), payload: Buffer.from(JSON.stringify(event)), qos: 1, retain: false, dup: false }, () => undefined);

  broker.on('client', (client) => {
    const principalIdentifier = principalOf(client);
    if (!principalIdentifier) return;
    last = Math.max(last + 1, Date.now());
    const session = { versionNumber: last, sessionIdentifier: randomUUID(), principalIdentifier };
    sessions.set(client, session);
    publish({ clientId: client.id, eventType: 'connected', timestamp: Date.now(), ...session });
  });

  broker.on('clientDisconnect', (client) => {
    const session = sessions.get(client);
    if (!session) return;
    sessions.delete(client);
    // aedes does not tell a DISCONNECT packet from a dropped socket; both read as the connection lost.
    publish({ clientId: client.id, eventType: 'disconnected', timestamp: Date.now(), ...session, clientInitiatedDisconnect: false, disconnectReason: 'CONNECTION_LOST' });
  });
};

// IoT Core's authentication and authorization on the local broker. A client is its TLS client
// certificate: it must be registered and ACTIVE, and may do only what the policies attached to that
// certificate allow, evaluated with the connection's thing (the client id, when the certificate is
// attached to a thing of that name). A certificate made INACTIVE or REVOKED drops its connections.
import type { TLSSocket } from 'node:tls';
import type { Aedes, Client } from 'aedes';
import { certificateId as idOf } from '../certificates.ts';
import type { IotArns } from './arns.ts';
import { isAllowed, type ConnectionContext, type IotAction, type PolicyDocument } from './policy-evaluator.ts';
import type { IotRegistry } from './registry.ts';
import { isProvisioningResponse, provisioningRequest, topicMatches, type ProvisioningRequest } from './topics.ts';

export type Connection = { client: Client; certificateId: string };

type Deps = {
  registry: IotRegistry;
  arns: IotArns;
  policy: (name: string) => PolicyDocument | undefined;
  /** A provisioning request the client was allowed to publish; IoT Core answers it, nobody else gets it. */
  onProvisioningRequest: (connection: Connection, request: ProvisioningRequest, payload: Buffer) => void;
};

const NOT_AUTHORIZED = 5;

const peerCertificateId = (client: Client): string | undefined => {
  const socket = client.conn as Partial<TLSSocket>;
  const raw = socket.getPeerCertificate?.(false)?.raw;
  return raw ? idOf(raw) : undefined;
};

/** Whether the client has a subscription whose filter matches `topic` (IoT Core sends answers only to subscribers). */
export const isSubscribed = (client: Client, topic: string): boolean =>
  Object.keys((client as Client & { subscriptions?: Record<string, unknown> }).subscriptions ?? {}).some((f) => topicMatches(f, topic));

export const installBrokerAuth = (broker: Aedes, deps: Deps) => {
  const { registry, arns } = deps;
  const connections = new WeakMap<Client, string>();
  const byCertificate = new Map<string, Set<Client>>();

  const context = (client: Client, certId: string): ConnectionContext => ({
    clientId: client.id,
    thingName: registry.isAttached(client.id, certId) ? client.id : undefined,
  });
  /** Evaluated on every request, so status, attachment and policy changes apply at once. */
  const allowed = (client: Client, action: IotAction, resource: string): boolean => {
    const certId = connections.get(client);
    const cert = certId ? registry.findCertificate(certId) : undefined;
    if (!certId || cert?.status !== 'ACTIVE') return false;
    const documents = cert.policies.flatMap((name) => deps.policy(name) ?? []);
    return isAllowed(documents, action, resource, context(client, certId));
  };

  broker.authenticate = (client, _username, _password, done) => {
    const certId = peerCertificateId(client);
    if (!certId) return done(Object.assign(new Error('no client certificate'), { returnCode: NOT_AUTHORIZED }), false);
    connections.set(client, certId);
    if (!allowed(client, 'iot:Connect', arns.client(client.id))) {
      connections.delete(client);
      return done(Object.assign(new Error('not authorized'), { returnCode: NOT_AUTHORIZED }), false);
    }
    const clients = byCertificate.get(certId) ?? new Set<Client>();
    byCertificate.set(certId, clients.add(client));
    done(null, true);
  };

  broker.on('clientDisconnect', (client) => byCertificate.get(connections.get(client) ?? '')?.delete(client));

  broker.authorizePublish = (client, packet, callback) => {
    // The broker itself (client null) publishes for rules and for tests.
    if (!client) return callback(null);
    // An error closes the connection, as IoT Core does on an unauthorized MQTT 3.1.1 publish.
    if (isProvisioningResponse(packet.topic) || !allowed(client, 'iot:Publish', arns.topic(packet.topic)))
      return callback(new Error(`not authorized to publish on ${packet.topic}`));
    const request = provisioningRequest(packet.topic);
    if (request) deps.onProvisioningRequest({ client, certificateId: connections.get(client)! }, request, Buffer.from(packet.payload));
    callback(null);
  };

  broker.authorizeSubscribe = (client, subscription, callback) =>
    // null grants nothing: the SUBACK carries 0x80 for this filter and the connection stays.
    callback(null, allowed(client, 'iot:Subscribe', arns.topicFilter(subscription.topic)) ? subscription : null);

  broker.authorizeForward = (client, packet) => {
    // Requests are IoT Core's to answer; they reach no subscriber.
    if (provisioningRequest(packet.topic)) return null;
    return allowed(client, 'iot:Receive', arns.topic(packet.topic)) ? packet : null;
  };

  registry.onStatusChange((certId, status) => {
    if (status === 'ACTIVE') return;
    for (const client of byCertificate.get(certId) ?? []) client.close();
    byCertificate.delete(certId);
  });

  return {
    connectedClients: () => [...byCertificate.values()].reduce((n, s) => n + s.size, 0),
    /** The certificate an admitted client connected with. */
    certificateOf: (client: Client): string | undefined => connections.get(client),
  };
};

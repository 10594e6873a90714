// The MQTT endpoint: aedes behind a TLS server that demands a client certificate signed by the
// local CA, as IoT Core does. IoT Core's authorization by certificate and policy, and fleet
// provisioning, are installed on it by local/iot-core/; rules by local/iot-rules.ts.
import { createServer, type Server } from 'node:tls';
import { Aedes } from 'aedes';
import type { LocalPki } from './certificates.ts';
import { listen } from './ports.ts';

export type MqttBroker = { broker: Aedes; port: number; url: string; health: () => { status: 'up' | 'down'; clients: number }; stop: () => Promise<void> };

export const startMqttBroker = async (pki: LocalPki, port: number): Promise<MqttBroker> => {
  const broker = await Aedes.createBroker();
  const server: Server = createServer(
    { key: pki.serverKey, cert: pki.serverCert, ca: pki.caCert, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    (socket) => broker.handle(socket),
  );
  const bound = await listen(server, port, 'MQTT broker');
  return {
    broker,
    port: bound,
    url: `mqtts://localhost:${bound}`,
    health: () => ({ status: server.listening && !broker.closed ? 'up' : 'down', clients: broker.connectedClients }),
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
};

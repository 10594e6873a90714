// A provisioned terminal's connection: its own certificate, and its thing name as the client id
// (the terminal policy allows nothing else).
import type { mqtt } from 'aws-iot-device-sdk-v2';
import { connectMqtt, type MqttEndpoint } from './mqtt-connection.ts';

export type TerminalIdentity = { thingName: string; certificatePem: string; privateKey: string };

export type ConnectTerminalOptions = MqttEndpoint &
  TerminalIdentity & {
    /** Only to show the broker's refusal: a terminal always connects as its thing. */
    clientId?: string;
    keepAliveSeconds?: number;
  };

export const connectTerminal = (options: ConnectTerminalOptions): Promise<mqtt.MqttClientConnection> =>
  connectMqtt({ ...options, clientId: options.clientId ?? options.thingName, cert: options.certificatePem, key: options.privateKey });

// An MQTT 3.1.1 connection to IoT Core (or the local broker) over mTLS, the way a terminal makes
// it: aws-iot-device-sdk-v2 on the CRT, with a certificate and key, trusting one CA.
import { readFileSync } from 'node:fs';
import { iot, mqtt } from 'aws-iot-device-sdk-v2';

/** Where the broker is and which CA its certificate chains to (PEM, or a file holding it). */
export type MqttEndpoint = { host: string; port: number; ca?: string; caPath?: string };

export type MqttConnectOptions = MqttEndpoint & {
  clientId: string;
  /** PEM certificate and private key the client authenticates with. */
  cert: string;
  key: string;
  keepAliveSeconds?: number;
};

/** `mqtts://host:port` (the local cloud's `mqttUrl`) as host and port. */
export const parseMqttUrl = (url: string): Pick<MqttEndpoint, 'host' | 'port'> => {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 8883) };
};

const caOf = (endpoint: MqttEndpoint): string | undefined => endpoint.ca ?? (endpoint.caPath ? readFileSync(endpoint.caPath, 'utf8') : undefined);

/**
 * Connects, or rejects when the broker refuses (an unknown, inactive or revoked certificate, or a
 * client id the certificate's policy does not allow). The connection reconnects by itself after an
 * interruption until `disconnect()`.
 */
export const connectMqtt = async (options: MqttConnectOptions): Promise<mqtt.MqttClientConnection> => {
  const builder = iot.AwsIotMqttConnectionConfigBuilder.new_mtls_builder(options.cert, options.key)
    .with_endpoint(options.host)
    .with_port(options.port)
    .with_client_id(options.clientId)
    .with_clean_session(true)
    .with_keep_alive_seconds(options.keepAliveSeconds ?? 30)
    .with_reconnect_min_sec(1)
    .with_reconnect_max_sec(5);
  const ca = caOf(options);
  if (ca) builder.with_certificate_authority(ca);
  const connection = new mqtt.MqttClient().new_connection(builder.build());
  try {
    await connection.connect();
    return connection;
  } catch (error) {
    // A refused connection still holds native resources until it is disconnected.
    await connection.disconnect().catch(() => undefined);
    throw error;
  }
};

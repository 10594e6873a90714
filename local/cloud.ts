// The whole local cloud, assembled from the manifest: engines, tables and queues, the identity
// provider, the MQTT endpoint with IoT Core's emulation, the function runtime, the HTTP gateway and the event sources.
import './loopback-dns.ts';
import { randomBytes } from 'node:crypto';
import { resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { manifest as defaultManifest } from '../infra/manifest.ts';
import type { Manifest } from '../infra/manifest-schema.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { provisionQueues, provisionTables } from './provision.ts';
import { ROTATION_INTERVAL_MS, startLocalIdentityProvider } from './identity-provider.ts';
import { ensureLocalPki } from './certificates.ts';
import { startMqttBroker } from './mqtt-broker.ts';
import { createFunctionRuntime, type FunctionRuntime } from './function-runtime.ts';
import { startGateway } from './gateway.ts';
import { ensurePortFree, freePort } from './ports.ts';
import { localCredentials, LOCAL_REGION } from './aws-local.ts';
import { functionEnvironment } from './function-env.ts';
import { localKeys } from './keys.ts';
import { startEventSources } from './event-sources.ts';
import { SILO_PROVISIONER_PATH, startLocalSiloTables, type LocalSiloTables } from './silo-tables.ts';
import { checkHealth } from './health.ts';
import { startIotCore } from './iot-core/iot-core.ts';
import { startMeituanSandbox } from './sandboxes/meituan/sandbox.ts';
import { withMeituanSandbox } from './sandboxes/meituan/function-env.ts';
import { startPaymentSandboxes } from './sandboxes/payments/sandbox.ts';
import { newAlipaySandboxKeys, type AlipayMerchantKeys } from '../domain/payments/providers/sandbox-merchants.ts';
import { withPaymentSandboxes } from './sandboxes/payments/function-env.ts';

export const ROOT_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)));

export type LocalCloudOptions = {
  port?: number;
  mqttPort?: number;
  /** The IoT control plane's port; any free one by default. */
  iotPort?: number;
  /** Keep DynamoDB data, the IdP key and the IoT registry under `.local/` across restarts. */
  persist?: boolean;
  stage?: string;
  logLevel?: string;
  manifest?: Manifest;
};

export type LocalCloud = {
  apiUrl: string;
  /** `mqtts://localhost:<port>`: mTLS with the CA and claim certificate in `iotDir`. */
  mqttUrl: string;
  /**
   * `iot`: the IoT control plane (@aws-sdk/client-iot's `endpoint`); `meituan`: the platform's
   * sandbox (local/sandboxes/meituan/); `payments`: the payment providers' sandboxes, each under
   * /_sandbox/<provider>/ (local/sandboxes/payments/).
   */
  endpoints: { dynamodb: string; sqs: string; iot: string; meituan: string; payments: string };
  /** What the payment sandboxes derive merchants' keys from: tests and tools act as a tenant's merchant with it. */
  paymentSandboxSecret: string;
  /** The Alipay sandbox's merchant keys (every sandbox app id shares them): what a merchant's alipay-sdk is given. */
  alipaySandboxKeys: AlipayMerchantKeys;
  tables: Record<string, string>;
  queues: Record<string, { url: string; dlqUrl?: string }>;
  iotDir: string;
  /** Opens the /_local/ endpoints (header x-local-admin-token); new at every start. */
  adminToken: string;
  runtime: FunctionRuntime;
  health: () => Promise<{ status: 'ok' | 'degraded'; components: Record<string, unknown> }>;
  stop: () => Promise<void>;
};

export const startLocalCloud = async (options: LocalCloudOptions = {}): Promise<LocalCloud> => {
  const manifest = options.manifest ?? defaultManifest;
  const stage = options.stage ?? 'local';
  const localDir = join(ROOT_DIR, '.local');
  const port = options.port ?? 3000;
  const mqttPort = options.mqttPort ?? 8883;
  await ensurePortFree(port, 'HTTP gateway');
  await ensurePortFree(mqttPort, 'MQTT broker');

  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((e: Error) => console.error(`[local] stop: ${e.message}`));
  };
  try {
    // With AWS_ENDPOINT_URL (LocalStack, say) the engines are already running elsewhere.
    const external = process.env.AWS_ENDPOINT_URL;
    const region = process.env.AWS_REGION ?? LOCAL_REGION;
    const ddb = external ? undefined : await startDynamoDbLocal(await freePort(), options.persist ? join(localDir, 'ddb') : undefined);
    if (ddb) stops.push(ddb.stop);
    const sqsServer = external ? undefined : await startFauxqs({ port: 0, logger: false, host: 'localhost' });
    if (sqsServer) stops.push(() => sqsServer.stop());
    // The emulator's queue URLs name `sqs.<region>.localhost`; using that host as the endpoint too
    // keeps the SDK from warning that the two differ.
    const sqsEndpoint = sqsServer && `http://sqs.${region}.localhost:${sqsServer.port}`;
    const endpoints = { dynamodb: ddb?.endpoint ?? external!, sqs: sqsEndpoint ?? external! };

    const clientConfig = { region, credentials: external ? undefined : localCredentials };
    const dynamo = new DynamoDBClient({ ...clientConfig, endpoint: endpoints.dynamodb });
    const sqs = new SQSClient({ ...clientConfig, endpoint: endpoints.sqs });
    stops.push(async () => (dynamo.destroy(), sqs.destroy()));

    const tables = await provisionTables(dynamo, manifest, stage);
    const queues = await provisionQueues(sqs, manifest, stage);
    const idp = await startLocalIdentityProvider(options.persist ? join(localDir, 'idp') : undefined);
    const iotDir = join(localDir, 'iot');
    const pki = await ensureLocalPki(iotDir);
    const mqtt = await startMqttBroker(pki, mqttPort);
    stops.push(mqtt.stop);
    // The hook runs in the function runtime, created below once the control plane's URL is known.
    const hooks: { runtime?: FunctionRuntime } = {};
    const iot = await startIotCore({
      broker: mqtt.broker,
      pki,
      manifest,
      stage,
      region,
      persist: Boolean(options.persist),
      invoke: (name, event) => (hooks.runtime ? hooks.runtime.invoke(name, event) : Promise.reject(new Error('functions not started yet'))),
      controlPlanePort: options.iotPort ?? 0,
    });
    stops.push(iot.stop);
    const meituan = await startMeituanSandbox();
    stops.push(meituan.stop);
    // A new secret at every start: a sandbox merchant's keys are only good for this cloud.
    const paymentSandboxSecret = randomBytes(16).toString('hex');
    const alipayKeys = newAlipaySandboxKeys();
    const payments = await startPaymentSandboxes(paymentSandboxSecret, alipayKeys);
    stops.push(payments.stop);
    const allEndpoints = { ...endpoints, iot: iot.controlPlaneEndpoint, meituan: meituan.url, payments: payments.url };

    const keys = localKeys(Object.keys(manifest.keys), options.persist ? join(localDir, 'keys') : undefined);
    // Functions start after the gateway listens, so its URL is known by the time they read it.
    let gatewayUrl = '';
    const adminToken = randomBytes(16).toString('hex');
    const siloProvisionerUrl = () => `${gatewayUrl}${SILO_PROVISIONER_PATH}?token=${adminToken}`;
    const env = withPaymentSandboxes(
      withMeituanSandbox(
        functionEnvironment({ manifest, endpoints: allEndpoints, external: Boolean(external), region: clientConfig.region, stage, tables, queues, idp, keys, logLevel: options.logLevel, siloProvisionerUrl }),
        meituan.apiUrl,
      ),
      payments.url,
      paymentSandboxSecret,
      alipayKeys,
    );
    const runtime = createFunctionRuntime(manifest, ROOT_DIR, env);
    hooks.runtime = runtime;
    stops.push(runtime.stop);

    // A rotation reaches the token function the way a new secret reaches a Lambda: on its next
    // cold start, so running instances are recycled.
    const rotateKeys = async () => {
      const kid = await idp.rotate();
      const signers = Object.entries(manifest.functions).filter(([, f]) => f.bindings.identity.includes('signIn'));
      await Promise.all(signers.map(([name]) => runtime.recycle(name)));
      return kid;
    };
    const rotation = setInterval(() => void rotateKeys().catch((e: Error) => console.error(`[idp] rotation: ${e.message}`)), ROTATION_INTERVAL_MS);
    rotation.unref();
    stops.push(async () => clearInterval(rotation));

    let health: LocalCloud['health'] = async () => ({ status: 'degraded', components: { starting: true } });
    const silo: { tables?: LocalSiloTables } = {};
    const createSiloTable = async (slug: unknown) => {
      if (!silo.tables) throw new Error('This manifest declares no tenant-data table');
      return silo.tables.create(slug);
    };
    const gateway = await startGateway({ manifest, runtime, idp, rotateKeys, health: () => health(), createSiloTable, adminToken }, port);
    gatewayUrl = gateway.url;
    stops.push(gateway.stop);
    const sources = await startEventSources(manifest, { dynamo, sqs, runtime, tables, queues, broker: mqtt.broker, streamsEndpoint: endpoints.dynamodb });
    stops.push(sources.stop);
    silo.tables = await startLocalSiloTables(manifest, stage, { dynamo, sources });
    health = () => checkHealth({ dynamo, sqs, mqtt, gateway, pollers: sources.pollers, endpoints, iot: iot.health });

    return {
      apiUrl: gateway.url,
      mqttUrl: mqtt.url,
      endpoints: allEndpoints,
      paymentSandboxSecret,
      alipaySandboxKeys: { appPrivateKey: alipayKeys.appPrivateKey, alipayPublicKey: alipayKeys.alipayPublicKey },
      tables,
      queues: Object.fromEntries(Object.entries(queues).map(([k, q]) => [k, { url: q.url, dlqUrl: q.dlqUrl }])),
      iotDir,
      adminToken,
      runtime,
      health: () => health(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

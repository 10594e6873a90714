// Starts one local cloud for the whole run, on ports chosen now, and stops it after. The
// integration, scheduled and isolation projects name this file as their globalSetup; vitest runs each
// project's global setup in the main process, so the first call starts the cloud and the second
// reuses it (kept on globalThis, as each project loads this module afresh), and the last teardown
// stops it: one cloud per run.
import type { TestProject } from 'vitest/node';
import { startLocalCloud } from '../../local/cloud.ts';
import { testCloudManifest } from '../fixtures/test-cloud-manifest.ts';

type Cloud = Awaited<ReturnType<typeof startLocalCloud>>;
type Shared = { cloud: Promise<Cloud>; users: number };
const KEY = Symbol.for('storefleet.test.localCloud');
const slot = globalThis as unknown as Record<symbol, Shared | undefined>;

export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // The real manifest plus deliberately wrong routes (test/fixtures/test-cloud-manifest.ts): a
  // leaking one, so the isolation project can prove its walk catches a leak without a second
  // cloud, and a drifting one for test/integration/response-schemas.test.ts; no other test calls them.
  const shared = (slot[KEY] ??= { cloud: startLocalCloud({ port: 0, mqttPort: 0, stage: 'test', manifest: testCloudManifest }), users: 0 });
  shared.users++;
  const cloud = await shared.cloud;
  project.provide('cloud', { apiUrl: cloud.apiUrl, endpoints: cloud.endpoints, tables: cloud.tables, queues: cloud.queues, mqttUrl: cloud.mqttUrl, iotDir: cloud.iotDir, adminToken: cloud.adminToken, paymentSandboxSecret: cloud.paymentSandboxSecret, alipaySandboxKeys: cloud.alipaySandboxKeys });
  return async () => {
    if (--shared.users > 0) return;
    slot[KEY] = undefined;
    await cloud.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    cloud: {
      apiUrl: string;
      /** `iot`: the IoT control plane, for @aws-sdk/client-iot's `endpoint`. */
      endpoints: { dynamodb: string; sqs: string; iot: string; meituan: string; payments: string };
      /** `mqtts://localhost:<port>`, mTLS: the CA (`ca.pem`) and claim certificate (`claim.pem`, `claim.key`) are in `iotDir`. */
      mqttUrl: string;
      iotDir: string;
      tables: Record<string, string>;
      queues: Record<string, { url: string; dlqUrl?: string }>;
      /** Header x-local-admin-token for the gateway's /_local/ endpoints. */
      adminToken: string;
      /** The payment sandboxes' merchant-key secret: a test acts as a tenant's merchant with it. */
      paymentSandboxSecret: string;
      alipaySandboxKeys: { appPrivateKey: string; alipayPublicKey: string };
    };
  }
}

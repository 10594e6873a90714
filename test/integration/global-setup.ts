// Starts one local cloud for the whole integration run, on ports chosen now, and stops it after.
import type { TestProject } from 'vitest/node';
import { startLocalCloud } from '../../local/cloud.ts';

export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const cloud = await startLocalCloud({ port: 0, mqttPort: 0, stage: 'test' });
  project.provide('cloud', { apiUrl: cloud.apiUrl, endpoints: cloud.endpoints, tables: cloud.tables, queues: cloud.queues, mqttUrl: cloud.mqttUrl, iotDir: cloud.iotDir });
  return async () => {
    await cloud.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    cloud: {
      apiUrl: string;
      /** `iot`: the IoT control plane, for @aws-sdk/client-iot's `endpoint`. */
      endpoints: { dynamodb: string; sqs: string; iot: string };
      /** `mqtts://localhost:<port>`, mTLS: the CA (`ca.pem`) and claim certificate (`claim.pem`, `claim.key`) are in `iotDir`. */
      mqttUrl: string;
      iotDir: string;
      tables: Record<string, string>;
      queues: Record<string, { url: string; dlqUrl?: string }>;
    };
  }
}

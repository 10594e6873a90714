// `npm start`: the whole system locally, seeded, until Ctrl-C.
import { parseArgs } from 'node:util';
import { startLocalCloud } from './cloud.ts';
import { DEMO, seedDemoChain } from './seed.ts';

// The SDK warns that it will leave Node 20 in 2027; Lambda runs Node 22, so the warning is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({ options: { persist: { type: 'boolean', default: false } } });
const started = Date.now();

const cloud = await startLocalCloud({
  port: Number(process.env.PORT ?? 3000),
  mqttPort: Number(process.env.MQTT_PORT ?? 8883),
  iotPort: Number(process.env.IOT_PORT ?? 0),
  persist: values.persist,
  logLevel: process.env.LOG_LEVEL ?? 'INFO',
}).catch((error: Error) => {
  console.error(`\nStorefleet could not start: ${error.message}\n`);
  process.exit(1);
});

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local cloud...`);
  await cloud.stop();
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const health = await cloud.health();
console.log(`Local cloud up in ${((Date.now() - started) / 1000).toFixed(1)} s (health: ${health.status}); seeding the demo chain...`);

try {
  const { created, stores, tills } = await seedDemoChain(cloud.apiUrl, cloud);
  const tokenCall = `curl -s -X POST ${cloud.apiUrl}/v1/auth/token -H 'content-type: application/json' \\
    -d '{"tenant":"${DEMO.tenant.slug}","email":"${DEMO.admin.email}","password":"${DEMO.admin.password}"}'`;
  console.log(`
Storefleet is running (${((Date.now() - started) / 1000).toFixed(1)} s${values.persist ? ', data kept in .local/' : ', in memory'})

  API          ${cloud.apiUrl}        health: ${cloud.apiUrl}/health
  MQTT (mTLS)  ${cloud.mqttUrl}       CA and claim certificate: ${cloud.iotDir}
  IoT control  ${cloud.endpoints.iot}
  Meituan      ${cloud.endpoints.meituan}  (sandbox of the delivery platform: docs/delivery-platforms.md)
  Payments     ${cloud.endpoints.payments}/_sandbox/wechat/  (WeChat Pay API v2 sandbox: docs/payments.md)
               ${cloud.endpoints.payments}/_sandbox/alipay/gateway.do  (Alipay OpenAPI sandbox)
  DynamoDB     ${cloud.endpoints.dynamodb}
  SQS          ${cloud.endpoints.sqs}
  Local admin  header x-local-admin-token: ${cloud.adminToken}  (for ${cloud.apiUrl}/_local/...)

Demo chain "${DEMO.tenant.name}" (slug ${DEMO.tenant.slug}, ${stores} stores, ${tills} tills registered in its first store)${created ? ' created' : ' already there'}
  hq_admin         ${DEMO.admin.email} / ${DEMO.admin.password}
${DEMO.users.map((u) => `  ${u.role.padEnd(16)} ${u.email} / ${u.password}`).join('\n')}

Get a token:
  ${tokenCall}
Then: curl -s ${cloud.apiUrl}/v1/tenant -H "authorization: Bearer <accessToken>"

Ctrl-C stops everything.`);
} catch (error) {
  console.error(`Seeding failed: ${(error as Error).message}`);
  await cloud.stop();
  process.exit(1);
}

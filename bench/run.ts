// `npm run bench`: starts a local cloud, runs every benchmark, writes bench/results/*.json and
// refreshes the figures in the README between the bench markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { startLocalCloud } from '../local/cloud.ts';
import { runGatewayOverhead } from './gateway-overhead.ts';
import { runStoresBench } from './stores.ts';
import { runCatalogBench } from './catalog.ts';
import { runPricingBench } from './pricing.ts';
import { runStockBench } from './stock.ts';
import { runTerminalsBench } from './terminals.ts';
import { runOrdersBench } from './orders.ts';
import { runStockShardsBench } from './stock-shards.ts';
import { runPaymentsBench } from './payments.ts';
import { latestResults, readmeBlock } from './readme-rows.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// `npm run bench -- --only terminals` (repeatable) runs some; the README keeps the others' stored figures.
const only = parseArgs({ options: { only: { type: 'string', multiple: true, default: [] } } }).values.only;

const cloud = await startLocalCloud({ port: 0, mqttPort: 0, stage: 'bench', logLevel: 'SILENT' });
try {
  const slug = `bench-${Date.now().toString(36)}`;
  const email = `admin@${slug}.example`;
  const password = 'Bench-password-1';
  const post = async (path: string, body: unknown) =>
    (await (await fetch(`${cloud.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Record<string, any>;
  const signup = await post('/v1/tenants', { name: 'Bench Chain', slug, adminEmail: email, adminPassword: password });
  const token = await post('/v1/auth/token', { tenant: slug, email, password });
  const session = { token: token.accessToken as string, tenantId: signup.tenant.id as string, userId: signup.admin.id as string };

  const benches = {
    'gateway-overhead': () => runGatewayOverhead(cloud, session),
    stores: () => runStoresBench(cloud, session),
    catalog: () => runCatalogBench(cloud, session),
    pricing: () => runPricingBench(cloud, session),
    stock: () => runStockBench(cloud, session),
    'stock-shards': () => runStockShardsBench(cloud, session),
    terminals: () => runTerminalsBench(cloud, session),
    orders: () => runOrdersBench(cloud, session),
    payments: () => runPaymentsBench(cloud, session),
  };
  const chosen = only.length ? only : Object.keys(benches);
  for (const name of chosen) {
    const run = benches[name as keyof typeof benches];
    if (!run) throw new Error(`No benchmark ${name}; there are ${Object.keys(benches).join(', ')}`);
    console.log(`${name}: ${JSON.stringify(await run(), null, 2)}`);
  }
  // The README shows every benchmark's latest figures: those just measured, the rest as stored.
  const readme = join(import.meta.dirname, '..', 'README.md');
  writeFileSync(readme, readFileSync(readme, 'utf8').replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, readmeBlock(latestResults())));
} finally {
  await cloud.stop();
}

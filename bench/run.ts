// `npm run bench`: starts a local cloud, runs every benchmark, writes bench/results/*.json and
// refreshes the figures in the README between the bench markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalCloud } from '../local/cloud.ts';
import { runGatewayOverhead } from './gateway-overhead.ts';
import { runStoresBench } from './stores.ts';
import { runCatalogBench } from './catalog.ts';
import { runPricingBench } from './pricing.ts';
import { runStockBench, stockRows } from './stock.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

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

  const overhead = await runGatewayOverhead(cloud, session);
  const stores = await runStoresBench(cloud, session);
  const catalog = await runCatalogBench(cloud, session);
  const pricing = await runPricingBench(cloud, session);
  const stock = await runStockBench(cloud, session);
  const { domain, handler, gateway } = overhead.results;
  const rows = [
    '| benchmark | baseline | measured | ratio |',
    '|---|---|---|---|',
    `| middleware chain, p50 (handler in-process vs DynamoDB read alone) | ${domain.p50Ms} ms | ${handler.p50Ms} ms | ${overhead.ratios.handlerOverDomainP50}× |`,
    `| local gateway, p50 (HTTP + JWT + worker vs handler in-process) | ${handler.p50Ms} ms | ${gateway.p50Ms} ms | ${overhead.ratios.gatewayOverHandlerP50}× |`,
    `| store list of 25, p50 (API vs bare GSI Query) | ${stores.list.query.p50Ms} ms | ${stores.list.api.p50Ms} ms | ${stores.list.ratioP50}× |`,
    `| import 1,000 stores (job end to end vs BatchWriteItem of the same items) | ${stores.import.batchWriteStoresPerSecond} stores/s | ${stores.import.importStoresPerSecond} stores/s | ${stores.import.ratio}× the time |`,
    `| barcode scan, p50 (findSkuByBarcode in-process vs bare GetItem; ${catalog.dynamoCallsPerLookup} DynamoDB call per scan) | ${catalog.results.getItem.p50Ms} ms | ${catalog.results.useCase.p50Ms} ms | ${catalog.ratios.useCaseOverGetItemP50}× |`,
    `| barcode scan via the API, p50 (GET /v1/skus?barcode= vs bare GetItem) | ${catalog.results.getItem.p50Ms} ms | ${catalog.results.api.p50Ms} ms | ${catalog.ratios.apiOverGetItemP50}× |`,
    `| price of 1 SKU, p50 (resolveStorePrices in-process vs bare GetItem; N + 3 DynamoDB calls in ${pricing.rounds} rounds) | ${pricing.results.getItem.p50Ms} ms | ${pricing.results.useCase1.p50Ms} ms | ${pricing.ratios.useCase1OverGetItemP50}× |`,
    `| prices of a 10-SKU basket, p50 (in-process, ${pricing.dynamoCallsPer10} DynamoDB calls, vs bare GetItem) | ${pricing.results.getItem.p50Ms} ms | ${pricing.results.useCase10.p50Ms} ms | ${pricing.ratios.useCase10OverGetItemP50}× |`,
    `| prices of a 10-SKU basket via the API, p50 (GET /v1/prices/resolve vs bare GetItem) | ${pricing.results.getItem.p50Ms} ms | ${pricing.results.api10.p50Ms} ms | ${pricing.ratios.api10OverGetItemP50}× |`,
    ...stockRows(stock),
  ];
  const readme = join(import.meta.dirname, '..', 'README.md');
  const text = readFileSync(readme, 'utf8');
  const block = `<!-- bench:start -->\n${rows.join('\n')}\n\nMeasured ${new Date().toISOString().slice(0, 10)} on ${process.version}; raw figures in \`bench/results/\`.\n<!-- bench:end -->`;
  writeFileSync(readme, text.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, block));
  console.log(JSON.stringify({ overhead, stores, catalog, pricing, stock }, null, 2));
} finally {
  await cloud.stop();
}

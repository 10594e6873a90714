// The README's benchmark table, from each benchmark's latest stored result (bench/results/), so a
// run of one benchmark refreshes its rows and keeps the others' figures and their dates.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Results are our own JSON, written by writeResult; rows read the fields each benchmark writes.
type Result = Record<string, any>;

const NAMES = ['gateway-overhead', 'stores', 'catalog', 'pricing', 'stock', 'terminals', 'orders', 'payments'] as const;
type Name = (typeof NAMES)[number];

export const latestResults = (): Partial<Record<Name, Result>> => {
  const dir = join(import.meta.dirname, 'results');
  return Object.fromEntries(NAMES.flatMap((n) => (existsSync(join(dir, `${n}.json`)) ? [[n, JSON.parse(readFileSync(join(dir, `${n}.json`), 'utf8')) as Result]] : [])));
};

const ROWS: Record<Name, (r: Result) => string[]> = {
  'gateway-overhead': ({ results: { domain, handler, gateway }, ratios }) => [
    `| middleware chain, p50 (handler in-process vs DynamoDB read alone) | ${domain.p50Ms} ms | ${handler.p50Ms} ms | ${ratios.handlerOverDomainP50}× |`,
    `| local gateway, p50 (HTTP + JWT + worker vs handler in-process) | ${handler.p50Ms} ms | ${gateway.p50Ms} ms | ${ratios.gatewayOverHandlerP50}× |`,
  ],
  stores: ({ list, import: bulk }) => [
    `| store list of 25, p50 (API vs bare GSI Query) | ${list.query.p50Ms} ms | ${list.api.p50Ms} ms | ${list.ratioP50}× |`,
    `| import 1,000 stores (job end to end vs BatchWriteItem of the same items) | ${bulk.batchWriteStoresPerSecond} stores/s | ${bulk.importStoresPerSecond} stores/s | ${bulk.ratio}× the time |`,
  ],
  catalog: ({ results, ratios, dynamoCallsPerLookup }) => [
    `| barcode scan, p50 (findSkuByBarcode in-process vs bare GetItem; ${dynamoCallsPerLookup} DynamoDB call per scan) | ${results.getItem.p50Ms} ms | ${results.useCase.p50Ms} ms | ${ratios.useCaseOverGetItemP50}× |`,
    `| barcode scan via the API, p50 (GET /v1/skus?barcode= vs bare GetItem) | ${results.getItem.p50Ms} ms | ${results.api.p50Ms} ms | ${ratios.apiOverGetItemP50}× |`,
  ],
  pricing: ({ results, ratios, rounds, dynamoCallsPer10 }) => [
    `| price of 1 SKU, p50 (resolveStorePrices in-process vs bare GetItem; N + 3 DynamoDB calls in ${rounds} rounds) | ${results.getItem.p50Ms} ms | ${results.useCase1.p50Ms} ms | ${ratios.useCase1OverGetItemP50}× |`,
    `| prices of a 10-SKU basket, p50 (in-process, ${dynamoCallsPer10} DynamoDB calls, vs bare GetItem) | ${results.getItem.p50Ms} ms | ${results.useCase10.p50Ms} ms | ${ratios.useCase10OverGetItemP50}× |`,
    `| prices of a 10-SKU basket via the API, p50 (GET /v1/prices/resolve vs bare GetItem) | ${results.getItem.p50Ms} ms | ${results.api10.p50Ms} ms | ${ratios.api10OverGetItemP50}× |`,
  ],
  stock: ({ results: { putItem, posting, api }, ratios, writeUnits, dynamoCallsPerPosting }) => {
    const one = writeUnits['receipt, 1 line (postStock)'];
    const forty = writeUnits['receipt, 40 lines as the API posts it (with its audit entry)'];
    return [
      `| stock movement, p50 (postStock of 1 line in-process vs bare PutItem of a ledger line; ${dynamoCallsPerPosting} DynamoDB calls, 1 a transaction) | ${putItem.p50Ms} ms | ${posting.p50Ms} ms | ${ratios.postingOverPutItemP50}× |`,
      `| stock movement via the API, p50 (POST /v1/stock/movements of 1 line vs bare PutItem) | ${putItem.p50Ms} ms | ${api.p50Ms} ms | ${ratios.apiOverPutItemP50}× |`,
      `| write units per movement (by DynamoDB's rules from the items its transaction wrote: a 1-line posting / a 40-line request; bare PutItem of the line: 1; the line's movement item, written from the level's stream afterwards, 2 more) | 1 WCU | ${one.perMovement} / ${forty.perMovement} WCU | ${one.perMovement}× / ${forty.perMovement}× |`,
    ];
  },
  terminals: ({ results: { transaction, useCase, endToEnd }, ratios, dynamoCallsPerRegistration }) => [
    `| till registration, p50 (provisionTerminal in-process, ${dynamoCallsPerRegistration} DynamoDB calls, vs a bare TransactWriteItems of its 7 items) | ${transaction.p50Ms} ms | ${useCase.p50Ms} ms | ${ratios.useCaseOverTransactionP50}× |`,
    `| till registration end to end, p50 (fleet provisioning by claim: mTLS, new certificate, RegisterThing with the hook; IoT Core allows the hook 5 s) | ${transaction.p50Ms} ms | ${endToEnd.p50Ms} ms | ${ratios.endToEndOverTransactionP50}× |`,
  ],
  orders: ({ budget, pos, online, payment }) => {
    const { raw, inProcess, api } = pos.timing;
    const req = pos.request;
    const times = (a: number, b: number) => `${Math.round((a / b) * 100) / 100}×`;
    const within = (ok: boolean) => (ok ? 'within' : 'over');
    const perRequest = (f: Result) => `${f.roundTrips} RT, ${f.wcu} WCU, ${f.rcu} RCU`;
    return [
      `| POS checkout of 5 lines, ops/s (placeOrder in-process, paid in cash, vs a bare TransactWriteItems of its ${req.transactionItems} items; target ${pos.ratios.target}×) | ${raw.opsPerSecond} ops/s | ${inProcess.opsPerSecond} ops/s | ${pos.ratios.inProcessOverRawThroughput}× |`,
      `| POS checkout via the API, p50 (POST /v1/orders vs the bare transaction) | ${pos.timing.rawBesideApi.p50Ms} ms | ${api.p50Ms} ms | ${pos.ratios.apiOverRawP50}× |`,
      `| POS checkout per request, edge + idempotency + quota included: sequential round trips / WCU / RCU vs the budget (${req.roundTripsWithQuotaLease} round trips when the request leases quota) | ${budget.roundTrips} / ${budget.wcu} / ${budget.rcu} | ${req.roundTrips} / ${req.wcu} / ${req.rcu} | ${times(req.roundTrips, budget.roundTrips)} / ${times(req.wcu, budget.wcu)} / ${times(req.rcu, budget.rcu)}, ${within(req.withinBudget.roundTrips && req.withinBudget.wcu && req.withinBudget.rcu)} budget |`,
      `| POS checkout's own transaction by DynamoDB's rules (the ${req.transactionItems} items it must write) vs the WCU budget | ${budget.wcu} WCU | ${req.floorWcu} WCU | ${times(req.floorWcu, budget.wcu)}, ${within(req.withinBudget.floorWcu)} budget |`,
      `| online order with a hold / its payment, p50 (in-process vs a bare TransactWriteItems of its ${online.request.transactionItems} / ${payment.request.transactionItems} items) | ${online.timing.raw.p50Ms} / ${payment.timing.raw.p50Ms} ms | ${online.timing.inProcess.p50Ms} / ${payment.timing.inProcess.p50Ms} ms | ${online.ratios.inProcessOverRawP50}× / ${payment.ratios.inProcessOverRawP50}× |`,
      `| online order / its payment via the API, p50 (POST /v1/orders, POST /v1/payments vs the bare transaction) | ${online.timing.raw.p50Ms} / ${payment.timing.raw.p50Ms} ms | ${online.timing.api.p50Ms} / ${payment.timing.api.p50Ms} ms | ${online.ratios.apiOverRawP50}× / ${payment.ratios.apiOverRawP50}× |`,
      `| online order / its payment per request (round trips, WCU, RCU; baseline: the WCU of its transaction alone) | ${online.request.floorWcu} / ${payment.request.floorWcu} WCU | ${perRequest(online.request)} / ${perRequest(payment.request)} | ${times(online.request.wcu, online.request.floorWcu)} / ${times(payment.request.wcu, payment.request.floorWcu)} |`,
    ];
  },
  payments: ({ timing, ratios, perPayment: { wechat, alipay } }) => [
    `| barcode payment end to end, p50 (payWithWallet in-process against the local sandbox vs the sandbox call alone: WeChat Pay / Alipay) | ${timing.wechatAlone.p50Ms} / ${timing.alipayAlone.p50Ms} ms | ${timing.wechatPayment.p50Ms} / ${timing.alipayPayment.p50Ms} ms | ${ratios.wechatOverSandboxP50}× / ${ratios.alipayOverSandboxP50}× |`,
    `| DynamoDB per barcode payment, WeChat Pay / Alipay (calls, round trips, WCU, RCU; baseline: the WCU of its transactions' items alone) | ${wechat.floorWcu} / ${alipay.floorWcu} WCU | ${wechat.calls} calls, ${wechat.roundTrips} RT, ${wechat.wcu} WCU, ${wechat.rcu} RCU / ${alipay.calls} calls, ${alipay.roundTrips} RT, ${alipay.wcu} WCU, ${alipay.rcu} RCU | ${Math.round((wechat.wcu / wechat.floorWcu) * 100) / 100}× / ${Math.round((alipay.wcu / alipay.floorWcu) * 100) / 100}× |`,
  ],
};

export const readmeBlock = (results: Partial<Record<Name, Result>>): string => {
  const measured = NAMES.filter((n) => results[n]);
  const rows = ['| benchmark | baseline | measured | ratio |', '|---|---|---|---|', ...measured.flatMap((n) => ROWS[n](results[n]!))];
  const when = measured.map((n) => `${n} ${String(results[n]!.at).slice(0, 10)} (${results[n]!.machine?.node ?? 'node ?'})`).join(', ');
  return `<!-- bench:start -->\n${rows.join('\n')}\n\nLatest run of each: ${when}. Raw figures in \`bench/results/\`.\n<!-- bench:end -->`;
};

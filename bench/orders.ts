// What an order checkout costs, in one run against DynamoDB Local. A 5-line POS cash sale (5 SKUs
// with stock, at list prices; one promotion list active, on a SKU outside the basket, so the
// promotion read runs and takes nothing off) four ways:
//   raw       - a bare TransactWriteItems of fresh copies of the items one checkout's transaction
//               wrote (captured from a checkout; keys renewed, same sizes; an Update's condition,
//               which a fresh item cannot meet, dropped): the write the checkout cannot avoid
//   inProcess - placeOrder() with payment { flow: 'cash' } in-process (countedScope's client)
//   api       - POST /v1/orders over HTTP with a fresh Idempotency-Key: + gateway, JWT, request
//               quota, middy chain, idempotency records, worker
// and raw / in-process / API for an online order with a hold and for its later payment.
//
// BENCH_ORDERS_TRACES_ONLY=1 prints each request's calls, waves and units without timing or storing.
//
// Per operation: DynamoDB calls by command, sequential round trips, read and write units. The API
// runs each function in a worker thread whose SDK clients this process cannot reach, so a request's
// calls are counted on the route's handler run here, through its middy chain, on an API Gateway
// event: the same module the worker runs, every SDK call it makes (domain, idempotency, quota)
// through the one module client (domain/shared/dynamo.ts; locally the tenant client is that client
// too), which is traced. The edge (JWT) makes no DynamoDB call: API Gateway's authorizer verifies
// the token (locally the gateway, in memory).
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { LocalCloud } from '../local/cloud.ts';
import { manifest } from '../infra/manifest.ts';
import { functionEnvironment } from '../domain/shared/function-env.ts';
import { siloTablePrefix } from '../domain/shared/bindings.ts';
import { measureInterleaved, writeResult, type Summary } from './measure.ts';
import { bareClient, countedScope, useLocalEngine } from './local-engine.ts';
import { type Session, type Call, round2, opsPerSecond, withThroughput } from './orders/units.ts';
import { type Stack, createTracer } from './orders/tracer.ts';
import { figuresOf } from './orders/trace-reading.ts';
import { replayOf } from './orders/replay.ts';

const LINES = 5;
const POS = { warmup: 20, iterations: 200 };
/** The API path, with its own interleaved raw baseline: fewer rounds keep the run short. */
const API = { warmup: 10, iterations: 100 };
/** The online order and its payment: six variants, so fewer rounds too. */
const ONLINE = { warmup: 10, iterations: 60 };
/** Traced operations of each kind; the quota lease falls on some of them. */
const TRACES = 6;
/** The pooled tier's request quota is 100/s per tenant: API calls are spaced to stay well under it. */
const API_SPACING_MS = 20;
/** The budget for a 5-line POS checkout, edge, idempotency and quota included. */
const BUDGET = { roundTrips: 3, wcu: 30, rcu: 12 };

// ---------------------------------------------------------------------------------------------

/** Which code was measured: the commit, and whether the order, payment and edge code differed from it. */
const sourceOf = (): string => {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: join(import.meta.dirname, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = git('status', '--porcelain', '--', 'domain', 'functions', 'tenants');
    return `${git('rev-parse', '--short', 'HEAD')}${changed ? ' with uncommitted changes to domain/, functions/ or tenants/' : ''}`;
  } catch {
    return process.env.BENCH_SOURCE ?? 'unknown (not a git work tree)';
  }
};

export const runOrdersBench = async (cloud: LocalCloud, session: Session) => {
  const loadBefore = loadavg().map(round2);
  const started = performance.now();
  const durationsS: Record<string, number> = {};
  const phase = (name: string) => (durationsS[name] = round2((performance.now() - started) / 1000 - Object.values(durationsS).reduce((a, b) => a + b, 0)));
  useLocalEngine(cloud);
  // The route's own environment, as the local cloud gives its function (its own mac key: the
  // in-process handler keeps its idempotency records apart from the worker's).
  const spec = manifest.functions.createOrder!;
  const env = functionEnvironment(manifest, spec, {
    stage: 'bench',
    table: (t) => cloud.tables[t] ?? '',
    queueUrl: (q) => cloud.queues[q]?.url ?? '',
    encryptionKey: () => ({ localKey: randomBytes(32).toString('base64') }),
    macKey: () => ({ localKey: randomBytes(32).toString('base64') }),
    identity: () => {
      throw new Error('createOrder has no identity binding');
    },
    tenantData: { siloTablePrefix: siloTablePrefix(manifest.service, 'bench') },
  });
  Object.assign(process.env, env, { POWERTOOLS_LOG_LEVEL: 'SILENT' });
  const { resetRuntimeEnv } = await import('../domain/shared/runtime-env.ts');
  resetRuntimeEnv();
  const { dynamoClient } = await import('../domain/shared/dynamo.ts');
  const { placeOrder } = await import('../domain/orders/place-order.ts');
  const { createPayment } = await import('../domain/payments/payments.ts');
  const { createOrderServices } = await import('../domain/orders/order-deps.ts');
  const { newId } = await import('../domain/shared/ids.ts');
  const { systemClock } = await import('../domain/shared/clock.ts');
  const { handler: createOrderHandler } = await import('../functions/http/orders/create-order.ts');
  const { handler: createPaymentHandler } = await import('../functions/http/payments/create-payment.ts');

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${cloud.apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`bench ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, any>;
  };
  const region = await post('/v1/regions', { name: 'Order bench' });
  const storeId = (await post('/v1/stores', { code: 'ORDER-1', name: 'Order bench', regionId: region.id, ownership: 'direct', address: '1 Bench Road' })).id as string;
  const product = await post('/v1/products', { name: '下单测试', skus: Array.from({ length: LINES + 1 }, (_, i) => ({ code: `ORDER-${i}`, unit: '个', listPrice: 300 + i * 10 })) });
  const skuIds: string[] = product.skus.map((s: { id: string }) => s.id);
  const basket = skuIds.slice(0, LINES);
  await post('/v1/stock/movements', { locationId: storeId, type: 'receipt', lines: basket.map((skuId) => ({ skuId, quantity: 100_000 })) });
  // Buy 2 get 1 on the SKU the basket leaves out: the promotion is read and priced, and takes nothing.
  const promotion = await post('/v1/price-lists', { name: 'Bench promotion', kind: 'promotion', priority: 0, promotion: { type: 'buy_x_get_y', skuIds: [skuIds[LINES]], buy: 2, get: 1 } });

  const bare = bareClient(cloud);
  const tracer = await createTracer(cloud, bare);
  const inProcess = countedScope(cloud);
  tracer.attach(inProcess.scope.client.middlewareStack as unknown as Stack);
  tracer.attach(dynamoClient.middlewareStack as unknown as Stack);
  const deps = { ...createOrderServices(inProcess.scope), clock: systemClock };
  const ctx = { tenantId: session.tenantId, userId: session.userId, role: 'hq_admin' as const, storeIds: [] };
  const lines = basket.map((skuId) => ({ skuId, quantity: 1 }));
  const posOrder = { storeId, channel: 'pos' as const, lines, payment: { flow: 'cash' as const } };
  const onlineOrder = { storeId, channel: 'online' as const, lines };

  const context = { functionName: 'createOrder', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
  const eventFor = (routeKey: string, body: unknown) =>
    ({
      version: '2.0',
      routeKey,
      rawPath: routeKey.split(' ')[1],
      rawQueryString: '',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
      isBase64Encoded: false,
      requestContext: { requestId: randomUUID(), http: { method: 'POST', path: routeKey.split(' ')[1] }, authorizer: { jwt: { claims: { sub: session.userId, tenantId: session.tenantId, role: 'hq_admin' }, scopes: [] } } },
    }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
  type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<{ statusCode: number; body?: unknown }>;
  const viaHandler = async (h: Handler, routeKey: string, body: unknown) => {
    const res = await h(eventFor(routeKey, body), context);
    if (res.statusCode !== 201) throw new Error(`${routeKey} in-process answered ${res.statusCode}: ${res.body}`);
    return JSON.parse(String(res.body)) as Record<string, any>;
  };
  const expectTotal = (order: { total?: number; lines?: { discount: number }[] }) => {
    const listTotal = basket.reduce((n, _, i) => n + 300 + i * 10, 0);
    if (order.total !== listTotal) throw new Error(`the checkout charged ${order.total}, not the list total ${listTotal}`);
  };

  const posInProcess = () => placeOrder(ctx, posOrder, newId('order'), deps);
  const posHandler = () => viaHandler(createOrderHandler, 'POST /v1/orders', posOrder);
  const onlineInProcess = () => placeOrder(ctx, onlineOrder, newId('order'), deps);
  const payInProcess = (orderId: string) => createPayment(ctx, { orderId, flow: 'cash' }, newId('payment'), deps);

  // Warm every path (cold start: the tenant's route, the mac key, the services), and check the prices.
  for (let i = 0; i < 3; i++) {
    expectTotal(await posInProcess());
    expectTotal(await posHandler());
    const o = await onlineInProcess();
    await payInProcess(o.id);
    await viaHandler(createPaymentHandler, 'POST /v1/payments', { orderId: (await viaHandler(createOrderHandler, 'POST /v1/orders', onlineOrder)).id, flow: 'cash' });
  }

  phase('setupAndWarmup');
  /** TRACES timed traces of an operation and one with item images; `prepare` runs untraced before each. */
  const traceOf = async <P>(run: (p: P) => Promise<unknown>, prepare: () => Promise<P>) => {
    const traces: Call[][] = [];
    for (let i = 0; i < TRACES; i++) {
      const p = await prepare();
      traces.push((await tracer.record(false, () => run(p))).calls);
      await new Promise((r) => setTimeout(r, 15));
    }
    const p = await prepare();
    const imaged = (await tracer.record(true, () => run(p))).calls;
    return { traces, imaged };
  };
  const none = async () => undefined;
  const pendingOrder = async () => (await onlineInProcess()).id;
  const pos = { handler: await traceOf(posHandler, none), inProcess: await traceOf(posInProcess, none) };
  const online = { handler: await traceOf(() => viaHandler(createOrderHandler, 'POST /v1/orders', onlineOrder), none), inProcess: await traceOf(onlineInProcess, none) };
  const payment = {
    handler: await traceOf((orderId: string) => viaHandler(createPaymentHandler, 'POST /v1/payments', { orderId, flow: 'cash' }), pendingOrder),
    inProcess: await traceOf(payInProcess, pendingOrder),
  };
  phase('traces');
  // A quick look while changing the checkout: what each request does, nothing timed or stored.
  if (process.env.BENCH_ORDERS_TRACES_ONLY === '1') {
    bare.destroy();
    inProcess.destroy();
    const calls = (f: ReturnType<typeof figuresOf>) => ({ roundTrips: f.roundTrips, rcu: f.rcu, wcu: f.wcu, floorWcu: f.floorWcu, waves: f.waves.map((w) => w.calls), writes: f.writes, items: f.transactionItemUnits });
    return {
      pos: calls(figuresOf(pos.handler.traces, pos.handler.imaged, tracer, BUDGET)),
      online: calls(figuresOf(online.handler.traces, online.handler.imaged, tracer)),
      payment: calls(figuresOf(payment.handler.traces, payment.handler.imaged, tracer)),
    };
  }
  const transactionOf = (calls: Call[]) => {
    const tx = calls.find((c) => c.command === 'TransactWriteItems');
    if (!tx) throw new Error('the operation wrote no transaction');
    return replayOf(tx.input.TransactItems as TransactWriteItem[], tracer);
  };
  let n = 0;
  const rawOf = (replay: (n: number) => TransactWriteItem[]) => async () => void (await bare.send(new TransactWriteItemsCommand({ TransactItems: replay(n++) })));
  const rawPos = rawOf(transactionOf(pos.inProcess.imaged));
  const rawOnline = rawOf(transactionOf(online.inProcess.imaged));
  const rawPayment = rawOf(transactionOf(payment.inProcess.imaged));

  const api = (path: string, body: unknown) => post(path, body, { 'idempotency-key': randomUUID() });
  inProcess.calls.length = 0;
  const posTiming = await measureInterleaved({ raw: rawPos, inProcess: async () => void (await posInProcess()) }, POS);
  const countedPerCheckout = round2(inProcess.calls.length / (POS.warmup + POS.iterations));
  const posApiTiming = await measureInterleaved({ raw: rawPos, api: async () => void (await api('/v1/orders', posOrder)) }, { ...API, paced: { variant: 'api', spacingMs: API_SPACING_MS } });
  phase('posTiming');
  // Payments take the oldest pending order, whichever path placed it; a few are placed ahead so
  // the queue never runs dry whichever variant a round starts with.
  const pending: string[] = [];
  for (let i = 0; i < 3; i++) pending.push(await pendingOrder());
  const nextPending = () => {
    const id = pending.shift();
    if (!id) throw new Error('no pending order to pay');
    return id;
  };
  const onlineTiming = await measureInterleaved(
    {
      onlineRaw: rawOnline,
      onlineInProcess: async () => void pending.push((await onlineInProcess()).id),
      onlineApi: async () => void pending.push((await api('/v1/orders', onlineOrder)).id),
      paymentRaw: rawPayment,
      paymentInProcess: async () => void (await payInProcess(nextPending())),
      paymentApi: async () => void (await api('/v1/payments', { orderId: nextPending(), flow: 'cash' })),
    },
    { ...ONLINE, paced: { variant: 'onlineApi', spacingMs: API_SPACING_MS } },
  );
  phase('onlineTiming');
  bare.destroy();
  inProcess.destroy();

  const ratio = (a: number, b: number) => round2(a / b);
  const timingOf = (variants: Record<string, Summary>) => Object.fromEntries(Object.entries(variants).map(([k, s]) => [k, withThroughput(s)]));
  /** Each path against the raw baseline measured beside it. */
  const timed = (raw: Summary, own: Summary, viaApi: Summary, rawBesideApi = raw) => ({
    inProcessOverRawThroughput: ratio(opsPerSecond(own), opsPerSecond(raw)),
    apiOverRawThroughput: ratio(opsPerSecond(viaApi), opsPerSecond(rawBesideApi)),
    inProcessOverRawP50: ratio(own.p50Ms, raw.p50Ms),
    apiOverRawP50: ratio(viaApi.p50Ms, rawBesideApi.p50Ms),
  });
  const posRatios = timed(posTiming.raw, posTiming.inProcess, posApiTiming.api, posApiTiming.raw);
  const result = {
    source: sourceOf(),
    machineLoad: { before: loadBefore, after: loadavg().map(round2) },
    durationsS,
    description:
      `Order checkout against DynamoDB Local. A ${LINES}-line POS cash checkout (placeOrder with payment { flow: 'cash' }; ${LINES} SKUs with stock at list prices, ` +
      `one promotion list active on another SKU so the promotion read runs), sequential: raw = bare TransactWriteItems of fresh copies of the items one checkout's ` +
      `transaction wrote (new partition keys of the same length, Update conditions dropped), inProcess = placeOrder in-process (countedScope client), ` +
      `interleaved, ${POS.warmup} + ${POS.iterations} rounds; api = POST /v1/orders over the local gateway with a fresh Idempotency-Key (paced ${API_SPACING_MS} ms apart), ` +
      `interleaved with its own raw baseline (rawBesideApi), ${API.warmup} + ${API.iterations} rounds. The same raw / in-process / API for an online order with a hold (channel online, pickup) and for its later payment ` +
      `(createPayment, POST /v1/payments, cash), six variants interleaved, ${ONLINE.warmup} + ${ONLINE.iterations} rounds. Per-request figures ('request') are counted on the route's handler run in-process, because the local API runs ` +
      `functions in worker threads this process cannot instrument: the same module and middy chain, every DynamoDB call (domain, idempotency records, request-quota ` +
      `lease) traced on the module client they all share locally; the edge's JWT check makes no DynamoDB call; every path is warmed first, so cold-start reads (the tenant's route) are not counted. 'useCase' counts the use case alone. Round trips = ` +
      `sequential waves: a call's wave is one past the latest wave of the calls that ended before it started, so calls overlapping in time share a wave. The ` +
      `request-quota lease (one conditional UpdateItem per leased block, about once a second per function instance; every request of an instance with no history) ` +
      `is counted apart: roundTripsWithQuotaLease and wcuWithQuotaLease. RCU by DynamoDB's rules from the items returned (strongly consistent 1 per 4 KB, eventual 0.5, ` +
      `BatchGet per item, Query per 4 KB of the result, a read that finds nothing the minimum unit), beside what DynamoDB Local reported with ` +
      `ReturnConsumedCapacity (it reports 0 for an empty Query and for a BatchGet's missing keys); WCU by DynamoDB's ` +
      `rules from each written item read before and after the write (bench/write-units.ts: 1 per KB of the larger image, 2 inside a transaction, +1 per KB per GSI ` +
      `entry written, moved or removed; projection ALL), beside what DynamoDB Local reported (it does not bill transactions as DynamoDB does). floorWcu: the ` +
      `transaction's items alone. ledgerLinesAfterTheRequest: the lines the transaction recorded on its levels (lastMove), which the stream consumer then ` +
      `writes as movement items (plain puts: 1 WCU per KB plus the gsi1 entry), outside the request and not in its figures. Timing: ops/s = 1000 / mean ms, one at a time.`,
    budget: BUDGET,
    promotionListId: promotion.id,
    pos: {
      timing: timingOf({ ...posTiming, api: posApiTiming.api, rawBesideApi: posApiTiming.raw }),
      ratios: { ...posRatios, target: 0.8, inProcessMeetsTarget: posRatios.inProcessOverRawThroughput >= 0.8 },
      request: figuresOf(pos.handler.traces, pos.handler.imaged, tracer, BUDGET),
      useCase: { ...figuresOf(pos.inProcess.traces, pos.inProcess.imaged, tracer), countedByScopePerCheckout: countedPerCheckout },
    },
    online: {
      timing: timingOf({ raw: onlineTiming.onlineRaw, inProcess: onlineTiming.onlineInProcess, api: onlineTiming.onlineApi }),
      ratios: timed(onlineTiming.onlineRaw, onlineTiming.onlineInProcess, onlineTiming.onlineApi),
      request: figuresOf(online.handler.traces, online.handler.imaged, tracer),
      useCase: figuresOf(online.inProcess.traces, online.inProcess.imaged, tracer),
    },
    payment: {
      timing: timingOf({ raw: onlineTiming.paymentRaw, inProcess: onlineTiming.paymentInProcess, api: onlineTiming.paymentApi }),
      ratios: timed(onlineTiming.paymentRaw, onlineTiming.paymentInProcess, onlineTiming.paymentApi),
      request: figuresOf(payment.handler.traces, payment.handler.imaged, tracer),
      useCase: figuresOf(payment.inProcess.traces, payment.inProcess.imaged, tracer),
    },
  };
  writeResult('orders', result);
  return result;
};

// bench/payments: a barcode payment end to end against the local sandboxes, against the sandbox
// call alone, so the ratio is our overhead (the attempt written first, the outcome written after,
// the order paid and its sale posted); and per payment, the DynamoDB calls, round trips and units
// by DynamoDB's rules. WeChat Pay (micropay) and Alipay (alipay.trade.pay through alipay-sdk),
// each a till order of 3 lines paid in one payment, in-process on a counted client.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import type { LocalCloud } from '../local/cloud.ts';
import { encodeMerchantKeys } from '../domain/payments/providers/sandbox-merchants.ts';
import { measureInterleaved, writeResult } from './measure.ts';
import { bareClient, countedScope, useLocalEngine } from './local-engine.ts';
import { type Session, round2, withThroughput } from './orders/units.ts';
import { createTracer, type Stack } from './orders/tracer.ts';
import { figuresOf } from './orders/trace-reading.ts';

const LINES = 3;
const ROUNDS = { warmup: 10, iterations: 80 };
const TRACES = 4;

export const runPaymentsBench = async (cloud: LocalCloud, session: Session) => {
  const loadBefore = loadavg().map(round2);
  useLocalEngine(cloud);
  // This process pays as the paying functions do: against the cloud's sandboxes.
  Object.assign(process.env, {
    PAYMENT_SANDBOX_URL: cloud.endpoints.payments,
    PAYMENT_SANDBOX_SECRET: cloud.paymentSandboxSecret,
    PAYMENT_SANDBOX_ALIPAY_KEYS: encodeMerchantKeys(cloud.alipaySandboxKeys),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  (await import('../domain/shared/runtime-env.ts')).resetRuntimeEnv();
  const { placeOrder } = await import('../domain/orders/place-order.ts');
  const { createOrderServices } = await import('../domain/orders/order-deps.ts');
  const { payWithWallet } = await import('../domain/payments/wallet-payments.ts');
  const { barcodeProviderFor } = await import('../domain/payments/providers/registry.ts');
  const { NewOrder } = await import('../domain/orders/schemas.ts');
  const { newId } = await import('../domain/shared/ids.ts');
  const { systemClock } = await import('../domain/shared/clock.ts');

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${cloud.apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`bench ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, any>;
  };
  const region = await post('/v1/regions', { name: 'Payment bench' });
  const storeId = (await post('/v1/stores', { code: 'PAY-1', name: 'Payment bench', regionId: region.id, ownership: 'direct', address: '1 Bench Road' })).id as string;
  const product = await post('/v1/products', { name: '支付测试', skus: Array.from({ length: LINES }, (_, i) => ({ code: `PAY-${i}`, unit: '个', listPrice: 500 + i * 10 })) });
  const lines = (product.skus as { id: string }[]).map((s) => ({ skuId: s.id, quantity: 1 }));
  await post('/v1/stock/movements', { locationId: storeId, type: 'receipt', lines: lines.map((l) => ({ ...l, quantity: 100_000 })) });

  const bare = bareClient(cloud);
  const tracer = await createTracer(cloud, bare);
  const counted = countedScope(cloud);
  tracer.attach(counted.scope.client.middlewareStack as unknown as Stack);
  const services = createOrderServices(counted.scope);
  const ctx = { tenantId: session.tenantId, userId: session.userId, role: 'hq_admin' as const, storeIds: [] };
  const tillOrder = async () => (await placeOrder(ctx, NewOrder.parse({ storeId, channel: 'pos', lines }), newId('order'), { ...services, clock: systemClock })).id;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
  const codeOf = { wechat: () => `13${digits(12)}5555`, alipay: () => `28${digits(12)}5555` };
  const wallets = ['wechat', 'alipay'] as const;
  type Wallet = (typeof wallets)[number];
  /** The adapters the sandbox-alone baseline calls directly. */
  const providers = Object.fromEntries(wallets.map((w) => [w, barcodeProviderFor(session.tenantId, w)])) as Record<Wallet, ReturnType<typeof barcodeProviderFor>>;
  // As the paying functions resolve them: the tenant's provider account read first (sandbox mode).
  const { providersFor } = await import('../domain/payments/accounts/provider-resolution.ts');
  const deps = {
    service: services.service,
    clock: systemClock,
    providerFor: providersFor(services.service, () => {
      throw new Error('no live account in the bench');
    }),
  };

  /** The provider call alone: a fresh trade of the same amount at the sandbox. */
  const alone = (w: Wallet) => async () => {
    const outcome = await providers[w].payByCode({ outTradeNo: newId('payment'), amount: 1530, authCode: codeOf[w](), description: 'bench', storeId });
    if (outcome.status !== 'succeeded') throw new Error(`the ${w} sandbox answered ${JSON.stringify(outcome)}`);
  };
  // Orders are placed untimed, ahead of the payments that take them.
  const pending: string[] = [];
  const refill = async (n: number) => {
    while (pending.length < n) pending.push(await tillOrder());
  };
  const pay = (w: Wallet) => async () => {
    const orderId = pending.shift();
    if (!orderId) throw new Error('no pending order');
    const p = await payWithWallet(ctx, orderId, { flow: 'barcode', method: 'auto', authCode: codeOf[w]() }, newId('payment'), deps);
    if (p.status !== 'succeeded') throw new Error(`the ${w} payment ended ${p.status}`);
  };

  await refill(ROUNDS.warmup * 2 + ROUNDS.iterations * 2 + TRACES * 4 + 4);
  const figures = {} as Record<Wallet, ReturnType<typeof figuresOf> & { callsPerPayment: number }>;
  for (const w of wallets) {
    const traces = [];
    for (let i = 0; i < TRACES; i++) traces.push((await tracer.record(false, pay(w))).calls);
    const imaged = (await tracer.record(true, pay(w))).calls;
    figures[w] = { ...figuresOf(traces, imaged, tracer), callsPerPayment: imaged.length };
  }
  const timing = await measureInterleaved({ wechatAlone: alone('wechat'), wechatPayment: pay('wechat'), alipayAlone: alone('alipay'), alipayPayment: pay('alipay') }, ROUNDS);
  bare.destroy();
  counted.destroy();

  const ratioOf = (own: { p50Ms: number }, base: { p50Ms: number }) => round2(own.p50Ms / base.p50Ms);
  const result = {
    machineLoad: { before: loadBefore, after: loadavg().map(round2) },
    description:
      `A barcode payment of a ${LINES}-line till order (payWithWallet in-process on a counted client: the attempt written, the provider called, the outcome written, ` +
      `the order paid and its sale posted in one transaction) against the local sandbox, interleaved with the sandbox call alone (the adapter's payByCode for a fresh ` +
      `trade of the same amount), ${ROUNDS.warmup} + ${ROUNDS.iterations} rounds each for WeChat Pay and Alipay. Orders are placed beforehand, untimed. ` +
      `Calls, round trips and units per payment as bench/orders counts them (bench/orders/trace-reading.ts), from ${TRACES} traced payments and one with item images.`,
    timing: Object.fromEntries(Object.entries(timing).map(([k, s]) => [k, withThroughput(s)])),
    ratios: { wechatOverSandboxP50: ratioOf(timing.wechatPayment, timing.wechatAlone), alipayOverSandboxP50: ratioOf(timing.alipayPayment, timing.alipayAlone) },
    perPayment: Object.fromEntries(wallets.map((w) => [w, { calls: figures[w].callsPerPayment, roundTrips: figures[w].roundTrips, rcu: figures[w].rcu, wcu: figures[w].wcu, floorWcu: figures[w].floorWcu, waves: figures[w].waves.map((x) => x.calls) }])),
  };
  writeResult('payments', result);
  return result;
};

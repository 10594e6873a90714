// The checkout's price lookup: what the effective price of a basket costs against the cheapest
// read there is, in one run. A chain with a chain-wide list, a regional list, a store's own list
// and a member list (every SKU priced by two to four of them), and:
//   getItem   - a bare consistent GetItem of one SKU item with the raw SDK client (baseline)
//   useCase1  - resolveStorePrices() in-process for 1 SKU (a scan at the till)
//   useCase10 - the same for a basket of 10 SKUs
//   api10     - GET /v1/prices/resolve for the 10 SKUs: + gateway, JWT, request quota, middy, worker
// Resolution is N + 3 DynamoDB calls in two rounds of parallel requests, counted here.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { LocalCloud } from '../local/cloud.ts';
import { measureInterleaved, writeResult } from './measure.ts';
import { bareClient, countedScope, useLocalEngine } from './local-engine.ts';

const SKUS = 30;
const BASKET = 10;
const AT = '2030-06-01T04:00:00.000Z';
/** The pooled tier's request quota is 100/s per tenant: API calls are spaced to stay well under it. */
const API_SPACING_MS = 20;

type Session = { token: string; tenantId: string; userId: string };

export const runPricingBench = async (cloud: LocalCloud, session: Session) => {
  useLocalEngine(cloud);
  const { resolveStorePrices } = await import('../domain/pricing/resolve.ts');
  const { createPricingService } = await import('../domain/pricing/pricing-service.ts');
  const { systemClock } = await import('../domain/shared/clock.ts');
  const { readSequence } = await import('../domain/pricing/price-change.ts');

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${cloud.apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`bench setup ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, any>;
  };
  const region = await post('/v1/regions', { name: 'Price bench' });
  const store = await post('/v1/stores', { code: 'PRICE-1', name: 'Price bench', regionId: region.id, ownership: 'direct', address: '1 Bench Road' });
  const product = await post('/v1/products', { name: '价格测试', skus: Array.from({ length: SKUS }, (_, i) => ({ code: `PRICE-${i}`, unit: '个', listPrice: 500 + i })) });
  const skuIds: string[] = product.skus.map((s: { id: string }) => s.id);
  const lines = (from: number, to: number, off: number) => skuIds.slice(from, to).map((skuId, i) => ({ skuId, amount: 400 + i - off }));
  await post('/v1/price-lists', { name: 'Chain', priority: 1, prices: lines(0, SKUS, 0) });
  await post('/v1/price-lists', { name: 'Region', priority: 10, scope: { regionIds: [region.id] }, prices: lines(0, 20, 10) });
  await post('/v1/price-lists', { name: 'Store', priority: 20, scope: { storeIds: [store.id], channels: ['pos'] }, prices: lines(10, 30, 20) });
  const last = await post('/v1/price-lists', { name: 'Members', kind: 'member', priority: 30, prices: lines(5, 25, 30) });

  const raw = bareClient(cloud);
  const counted = countedScope(cloud);
  const { calls } = counted;
  const service = createPricingService(counted.scope);
  const deps = { service, clock: systemClock };
  // The chain-wide lists move every store's price version (the stores bench made a thousand): let
  // that fan-out finish before anything is timed.
  for (let waited = 0; (await readSequence(session.tenantId, 'delivered', service)) < last.priceSequence; waited += 200) {
    if (waited > 120_000) throw new Error('the price fan-out did not finish');
    await new Promise((r) => setTimeout(r, 200));
  }
  const ctx = { tenantId: session.tenantId, userId: session.userId, role: 'cashier' as const, storeIds: [store.id as string] };

  let n = 0;
  const nextSku = () => skuIds[n++ % SKUS]!;
  const basket = () => Array.from({ length: BASKET }, nextSku);
  const query = (ids: string[]) => ({ storeId: store.id as string, channel: 'pos' as const, skuIds: ids, at: AT, member: true });
  const expectPriced = (data: { length: number }, want: number, what: string) => {
    if (data.length !== want) throw new Error(`${what} priced ${data.length} SKUs, not ${want}`);
  };
  const results = await measureInterleaved(
    {
      getItem: async () => {
        const { Item } = await raw.send(new GetItemCommand({ TableName: cloud.tables.main, Key: marshall({ pk: `${session.tenantId}#sku#${nextSku()}`, sk: 'sku' }), ConsistentRead: true }));
        if (!Item) throw new Error('bare GetItem found nothing');
      },
      useCase1: async () => expectPriced((await resolveStorePrices(ctx, query([nextSku()]), deps)).data, 1, 'use case'),
      useCase10: async () => expectPriced((await resolveStorePrices(ctx, query(basket()), deps)).data, BASKET, 'use case'),
      api10: async () => {
        const q = new URLSearchParams({ storeId: store.id, channel: 'pos', skuIds: basket().join(','), at: AT, member: 'true' });
        const r = await fetch(`${cloud.apiUrl}/v1/prices/resolve?${q}`, { headers: { authorization: `Bearer ${session.token}` } });
        const body = (await r.json()) as { data?: unknown[] };
        if (r.status !== 200) throw new Error(`API answered ${r.status}`);
        expectPriced(body.data ?? [], BASKET, 'API');
      },
    },
    { warmup: 100, iterations: 1000, paced: { variant: 'api10', spacingMs: API_SPACING_MS } },
  );
  calls.length = 0;
  await resolveStorePrices(ctx, query(basket()), deps);
  const dynamoCallsPer10 = calls.length;
  raw.destroy();
  counted.destroy();

  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const result = {
    description: `Price resolution at one store (4 applicable lists, each SKU priced by 2-4 of them), round-robin over ${SKUS} SKUs: bare consistent GetItem vs resolveStorePrices() in-process for 1 and ${BASKET} SKUs vs GET /v1/prices/resolve for ${BASKET} SKUs through the local gateway`,
    dynamoCallsPer10,
    rounds: 2,
    results,
    ratios: {
      useCase1OverGetItemP50: ratio(results.useCase1.p50Ms, results.getItem.p50Ms),
      useCase10OverGetItemP50: ratio(results.useCase10.p50Ms, results.getItem.p50Ms),
      api10OverGetItemP50: ratio(results.api10.p50Ms, results.getItem.p50Ms),
    },
  };
  writeResult('pricing', result);
  return result;
};

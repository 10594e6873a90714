// Pricing test helpers shared by the pricing integration files: a small chain to price (two
// regions, three stores, a category tree, five SKUs), the price sequence read from the engine, a
// wait until every price change is fanned out and its prices.changed event recorded (so no
// asynchronous write lands inside an item count), and refusals that must write nothing.
import { expect } from 'vitest';
import { call, cloud, eventually, expectEnvelope, itemCounts, newTenant, seedStores, type ApiResponse, type TestTenant } from './api.ts';
import { sharedScope } from './scope.ts';

/** The pricing service on the run's shared table, built after the SDK points at the local engine. */
export const pricingService = async () => {
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  const { createPricingService } = await import('../../domain/pricing/pricing-service.ts');
  return createPricingService(await sharedScope(cloud().tables.main));
};

export const priceSequence = async (t: TestTenant, key: 'sequence' | 'delivered' = 'sequence'): Promise<number> => {
  const { readSequence } = await import('../../domain/pricing/price-change.ts');
  return readSequence(t.tenantId, key, await pricingService());
};

/** Whether an event of `type` whose payload has `field` = `value` is among the tenant's latest 100. */
const recorded = async (t: TestTenant, type: string, field: string, value: number) => {
  const events = await call('GET', '/v1/tenant/events?limit=100', { token: t.token });
  return events.body.data.some((e: any) => e.type === type && e.payload[field] === value) ? true : undefined;
};

/** Waits until the tenant's latest price change has reached its stores and its event is recorded. */
export const pricesSettled = async (t: TestTenant) => {
  const sequence = await priceSequence(t);
  if (sequence === 0) return;
  await eventually(async () => ((await priceSequence(t, 'delivered')) < sequence ? undefined : recorded(t, 'prices.changed', 'sequence', sequence)));
};

/** As pricesSettled, and the catalog's latest change recorded too (the test chains build a catalog). */
export const allSettled = async (t: TestTenant) => {
  await pricesSettled(t);
  const { version } = (await call('GET', '/v1/catalog/version', { token: t.token })).body;
  if (version > 0) await eventually(() => recorded(t, 'catalog.changed', 'version', version));
};

const ok = (what: string, res: ApiResponse, status = 200) => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/**
 * A chain to price: region East (stores E001, E002), region West (W001); 饮料 > 碳酸饮料 and
 * 零食 > 膨化食品; cola 330 ml (300 fen) and 500 ml (400), chips 70 g (650) and 135 g (1100), and
 * water (200) in no category.
 */
export const pricedChain = async (t: TestTenant) => {
  const east = await seedStores(t, 2, 'direct', 'E');
  const west = await seedStores(t, 1, 'franchise', 'W');
  const category = async (name: string, parentId?: string) => ok(`category ${name}`, await call('POST', '/v1/categories', { token: t.token, body: { name, parentId } }), 201).id as string;
  const drinks = await category('饮料');
  const soda = await category('碳酸饮料', drinks);
  const snacks = await category('零食');
  const crisps = await category('膨化食品', snacks);
  const product = async (name: string, categoryId: string | undefined, skus: [string, number][]) =>
    ok(`product ${name}`, await call('POST', '/v1/products', { token: t.token, body: { name, categoryId, skus: skus.map(([code, listPrice]) => ({ code, unit: '个', listPrice })) } }), 201)
      .skus as { id: string }[];
  const [cola330, cola500] = await product('可乐', soda, [['COLA-330', 300], ['COLA-500', 400]]);
  const [chips70, chips135] = await product('薯片', crisps, [['CHIPS-70', 650], ['CHIPS-135', 1100]]);
  const [water] = await product('矿泉水', undefined, [['WATER-550', 200]]);
  return {
    regions: { east: east.regionId, west: west.regionId },
    stores: { e1: east.stores[0]!.id as string, e2: east.stores[1]!.id as string, w1: west.stores[0]!.id as string },
    categories: { drinks, soda, snacks, crisps },
    skus: { cola330: cola330!.id, cola500: cola500!.id, chips70: chips70!.id, chips135: chips135!.id, water: water!.id },
  };
};
export type PricedChain = Awaited<ReturnType<typeof pricedChain>>;

/** The tenants a test file makes: a refusal waits until all of them are settled, then must write nothing. */
export const pricingKit = () => {
  const tenants: TestTenant[] = [];
  return {
    tenant: async (prefix: string) => {
      const t = await newTenant(prefix);
      tenants.push(t);
      return t;
    },
    refused: async (request: () => Promise<ApiResponse>, status: number, code: string) => {
      await Promise.all(tenants.map(allSettled));
      const before = await itemCounts();
      const res = await request();
      expectEnvelope(res, status, code);
      expect(await itemCounts()).toEqual(before);
      return res;
    },
  };
};

export const createList = async (t: TestTenant, body: Record<string, unknown>) => ok('price list', await call('POST', '/v1/price-lists', { token: t.token, body }), 201);
export const patchList = async (t: TestTenant, id: string, body: Record<string, unknown>) => ok('price list patch', await call('PATCH', `/v1/price-lists/${id}`, { token: t.token, body }));

export const resolve = async (token: string, query: Record<string, string>) =>
  call('GET', `/v1/prices/resolve?${new URLSearchParams(query).toString()}`, { token });

/** Amount and source list id (or 'list') of each SKU, in request order. */
export const pricesAt = async (token: string, query: Record<string, string>) => {
  const res = await resolve(token, query);
  if (res.status !== 200) throw new Error(`resolve: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.map((p: any) => [p.amount, p.source.id ?? 'list']);
};

// Tenant A's prices for the walk: a list for S1 alone, a regional list and a chain-wide
// promotion, with unique names, and a second-page cursor of A's price lists. Waits until every
// change has reached A's stores and its prices.changed event is recorded, so nothing of A moves
// while the walk compares A's data.
import { randomBytes } from 'node:crypto';
import { eventually } from '../support/api.ts';
import type { Api } from './client.ts';
import type { CatalogRecords } from './world-catalog.ts';

const hex = () => randomBytes(4).toString('hex');

export type PricingRecords = { storeListId: string; priceListIds: string[]; skuId: string; categoryId: string; cursor: string };

const created = async (api: Api, token: string, body: Record<string, unknown>) => {
  const res = await api.call('POST', '/v1/price-lists', { token, body });
  if (res.status !== 201) throw new Error(`price list: ${res.status} ${res.text}`);
  return res.body as { id: string; name: string; priceSequence: number };
};

export const pricingRecords = async (
  api: Api,
  a: { token: string; regionId: string; s1Id: string; catalog: CatalogRecords },
): Promise<{ a: PricingRecords; secrets: [string, string][] }> => {
  const { token, catalog } = a;
  const tag = hex();
  const skuId = catalog.skuIds[0]!;
  const lists = [
    await created(api, token, { name: `S1 prices ${tag}`, priority: 30, scope: { storeIds: [a.s1Id] }, prices: [{ skuId, amount: 88 }] }),
    await created(api, token, { name: `Regional ${tag}`, priority: 20, scope: { regionIds: [a.regionId] }, prices: [{ skuId, amount: 95 }] }),
    await created(api, token, { name: `Promo ${tag}`, kind: 'promotion', priority: 0, promotion: { type: 'percent_off_category', categoryId: catalog.categoryId, rateBps: 1000 } }),
  ];
  const last = Math.max(...lists.map((l) => l.priceSequence));
  await eventually(async () => {
    const version = await api.call('GET', `/v1/stores/${a.s1Id}/price-version`, { token });
    const events = await api.call('GET', '/v1/tenant/events?limit=100', { token });
    const recorded = events.body.data?.some((e: { type: string; payload: { sequence?: number } }) => e.type === 'prices.changed' && e.payload.sequence === last);
    return version.body.version === last && recorded ? true : undefined;
  });
  const page = await api.call('GET', '/v1/price-lists?limit=1', { token });
  if (typeof page.body.nextCursor !== 'string') throw new Error(`/v1/price-lists: no second page for tenant A (${page.text})`);
  const records: PricingRecords = { storeListId: lists[0]!.id, priceListIds: lists.map((l) => l.id), skuId, categoryId: catalog.categoryId, cursor: page.body.nextCursor };
  return { a: records, secrets: lists.flatMap((l): [string, string][] => [[l.id, `A price list ${l.name}`], [l.name, `A price list name ${l.name}`]]) };
};

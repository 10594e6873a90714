// The fan-out of one price change to the stores it affects (the consumer of the priceFanouts
// queue). A chain can have thousands of stores, more than any transaction holds, so the change
// commits with a tenant-wide sequence number and this moves each affected store's price version
// up to it afterwards. Every write is conditioned on moving forward, so a redelivered or
// out-of-order message changes nothing, and a store never goes back to an older version.
import { z } from 'zod';
import { isConditionalCheckFailed } from '../shared/dynamo.ts';
import { forEachConcurrent } from '../shared/concurrency.ts';
import type { Clock } from '../shared/clock.ts';
import type { PricingService } from './pricing-service.ts';
import { PriceListScope, scopeMatches } from './price-resolution.ts';

/** What the stream hands the queue: a priceChange record (price-change-entity.ts). */
export const PriceFanout = z.object({
  tenantId: z.string().min(1),
  sequence: z.number().int().positive(),
  priceListId: z.string().min(1),
  listVersion: z.number().int().positive(),
  change: z.string(),
  scopes: z.array(PriceListScope),
});
export type PriceFanout = z.infer<typeof PriceFanout>;

type Deps = { service: PricingService; clock: Clock };
type StoreRef = { storeId: string; regionId: string };

/** Enough in flight to hide round trips, few enough to leave the table's capacity to checkouts. */
const WRITE_CONCURRENCY = 16;

/** Whether any scope covers the store; channels do not matter here, a store sells on all of them. */
const affected = (scopes: readonly PriceListScope[], store: StoreRef) =>
  scopes.some((scope) => scopeMatches({ ...scope, channels: undefined }, { ...store, channel: 'pos' }));

/** Stores named by id are read by id; a region or chain-wide scope reads the chain's store list. */
const storesIn = async (tenantId: string, scopes: readonly PriceListScope[], { service }: Pick<Deps, 'service'>): Promise<StoreRef[]> => {
  if (scopes.length === 0) return [];
  const named = scopes.every((s) => s.storeIds?.length) ? [...new Set(scopes.flatMap((s) => s.storeIds!))] : undefined;
  const { data } = named
    ? await service.entities.store.get(named.map((storeId) => ({ tenantId, storeId }))).go({ attributes: ['storeId', 'regionId'] })
    : await service.entities.store.query.byCode({ tenantId }).go({ pages: 'all', attributes: ['storeId', 'regionId'] });
  return data.filter((s) => affected(scopes, s));
};

/** Moves the store to `sequence` unless it is there or beyond already; true if it moved. */
const advance = async (change: PriceFanout, storeId: string, { service, clock }: Deps): Promise<boolean> => {
  try {
    await service.entities.storePriceVersion
      .update({ tenantId: change.tenantId, storeId })
      .set({ version: change.sequence, changedAt: clock.now().toISOString(), priceListId: change.priceListId })
      .where((a, { notExists, lt }) => `${notExists(a.version)} OR ${lt(a.version, change.sequence)}`)
      .go({ response: 'none' });
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
};

/** An archived list's prices are never read again; clearing them keeps each SKU's Query short. */
const clearPrices = async ({ tenantId, priceListId }: PriceFanout, { service }: Pick<Deps, 'service'>): Promise<number> => {
  const { data } = await service.entities.priceEntry.query.byList({ tenantId, priceListId }).go({ pages: 'all', attributes: ['skuId'] });
  if (data.length) await service.entities.priceEntry.delete(data.map(({ skuId }) => ({ tenantId, priceListId, skuId }))).go();
  return data.length;
};

const markDelivered = async ({ tenantId, sequence }: PriceFanout, { service, clock }: Deps): Promise<void> => {
  try {
    await service.entities.priceSequence
      .update({ tenantId, key: 'delivered' })
      .set({ value: sequence, updatedAt: clock.now().toISOString() })
      .where((a, { notExists, lt }) => `${notExists(a.value)} OR ${lt(a.value, sequence)}`)
      .go({ response: 'none' });
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
};

export const fanOutPriceChange = async (change: PriceFanout, deps: Deps) => {
  const stores = await storesIn(change.tenantId, change.scopes, deps);
  let moved = 0;
  await forEachConcurrent(stores, WRITE_CONCURRENCY, async ({ storeId }) => {
    if (await advance(change, storeId, deps)) moved++;
  });
  const cleared = change.change === 'price_list.archived' ? await clearPrices(change, deps) : 0;
  await markDelivered(change, deps);
  return { stores: stores.length, moved, cleared };
};

// The tier's store quota (domain/shared/tiers.ts). The hard limit is a condition on the chain's
// store counter inside the transaction that writes the store, for single creates, import rows and
// franchise approvals alike, so racing writers cannot pass it together. The early check only
// spares a caller a request (or a whole import) that cannot fit.
import { isConditionalCheckFailed } from '../shared/dynamo.ts';
import { QuotaExceededError, TIER_QUOTAS, type TenantTier } from '../shared/tiers.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import type { StoreCountInTransaction } from './store-count-entity.ts';
import type { StoreService } from './store-service.ts';

export const storeLimit = (tier: TenantTier): number => TIER_QUOTAS[tier].stores;

export const storeQuotaExceeded = (tier: TenantTier) => new QuotaExceededError('stores', storeLimit(tier), tier);

/**
 * The chain's store count, creating the counter on first use. Chains older than the counter get
 * it initialised from the stores they have: the counting transactions below require the counter to
 * exist, so no store can be added uncounted once it does, and until it does none is added by
 * this code. (The store list is a GSI, read eventually consistently; only a store written by a
 * previous deployment in the same instant could be missed.)
 */
export const ensureStoreCount = async (tenantId: string, { service }: { service: StoreService }): Promise<number> => {
  const { storeCount, store } = service.entities;
  const { data } = await storeCount.get({ tenantId }).go({ consistent: true });
  if (data) return data.count;
  const { data: stores } = await store.query.byCode({ tenantId }).go({ pages: 'all', attributes: ['storeId'] });
  try {
    await storeCount.create({ tenantId, count: stores.length }).go({ response: 'none' });
    return stores.length;
  } catch (error) {
    // Another writer initialised it first, from the same stores.
    if (!isConditionalCheckFailed(error)) throw error;
    return (await storeCount.get({ tenantId }).go({ consistent: true })).data?.count ?? stores.length;
  }
};

/** The counter change for a transaction that adds `adding` stores: refused past `limit`. */
export const countStores = (storeCount: StoreCountInTransaction, tenantId: string, adding: number, limit: number) =>
  storeCount
    .update({ tenantId })
    .add({ count: adding })
    .where((a, { exists, lte }) => `${exists(a.count)} AND ${lte(a.count, limit - adding)}`)
    .commit();

/** The counter change for a transaction that removes one store. */
export const uncountStore = (storeCount: StoreCountInTransaction, tenantId: string) =>
  storeCount
    .update({ tenantId })
    .add({ count: -1 })
    .where((a, { exists }) => exists(a.count))
    .commit();

/** Refuses early to grow the chain past its tier's store quota (and makes sure the counter exists). */
export const assertStoreRoom = async (ctx: TenantContext, adding: number, tier: TenantTier, deps: { service: StoreService }) => {
  if ((await ensureStoreCount(ctx.tenantId, deps)) + adding > storeLimit(tier)) throw storeQuotaExceeded(tier);
};

// Telling platforms the stock they may sell, from a batch of table changes (stock-changes.ts).
// Per tenant with a connected app, per listed store: the sellable units of the listed SKUs the
// changes name, read now, and of those only the ones the platform has not been sent (lastSent),
// so a redelivered batch or a change that leaves a value as it was sends nothing. Each call is
// absolute, takes a slot of the platform's limits (call-slot.ts) and carries at most the
// platform's number of products; a SKU the platform does not know is marked broken, any other
// failure leaves the store to be retried, and the changes of stores that failed are reported.
import type { Clock } from '../../shared/clock.ts';
import type { Cipher } from '../../shared/crypto/cipher.ts';
import type { StockService } from '../../inventory/stock-service.ts';
import { PlatformThrottledError } from '../errors.ts';
import { batchGet } from '../../shared/batches.ts';
import type { DeliveryPlatform } from '../adapter.ts';
import { ADAPTERS } from '../adapters.ts';
import type { ChannelService } from '../channel-service.ts';
import type { ChannelSkuItem } from '../entities/channel-sku-entity.ts';
import { openAppSecret } from '../accounts/app-secret.ts';
import { CHANNEL_PLATFORMS, type ChannelPlatform } from '../platforms.ts';
import { ALL, type StockChange } from './stock-changes.ts';
import { readSellable } from './stock-values.ts';
import { backOff, markPending, settleSlot, takeCallSlot, type SlotDeps } from './call-slot.ts';

export type SyncDeps = {
  channelsOf: (tenantId: string) => Promise<ChannelService>;
  stockOf: (tenantId: string) => Promise<StockService>;
  cipher: Cipher;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** Epoch ms by which the invocation must have stopped calling. */
  deadline: number;
};

/** A store whose push failed: the changes that named it are retried. */
export type StoreFailure = { tenantId: string; channel: ChannelPlatform; storeId: string; indexes: number[]; error: unknown };

type Scope = { tenantId: string; channel: ChannelPlatform; adapter: DeliveryPlatform; channels: ChannelService; stock: StockService; slots: SlotDeps };

/** Splits SKUs so that no call names more products than the platform takes. */
const chunksOf = <T extends { spuCode: string }>(items: readonly T[], maxGroups: number): T[][] => {
  const chunks: { items: T[]; groups: Set<string> }[] = [];
  for (const item of items) {
    let chunk = chunks.at(-1);
    if (!chunk || (!chunk.groups.has(item.spuCode) && chunk.groups.size >= maxGroups)) chunks.push((chunk = { items: [], groups: new Set() }));
    chunk.items.push(item);
    chunk.groups.add(item.spuCode);
  }
  return chunks.map((c) => c.items);
};

const markBroken = (s: Scope, skus: readonly ChannelSkuItem[], failed: readonly { skuCode: string; code: number }[], at: string) =>
  Promise.all(
    failed.flatMap((f) => {
      const sku = skus.find((k) => k.skuCode === f.skuCode);
      return sku ? [s.channels.entities.channelSku.patch({ tenantId: s.tenantId, channel: s.channel, skuId: sku.skuId }).set({ brokenAt: at, brokenCode: f.code }).go({ response: 'none' })] : [];
    }),
  );

/** The store's SKUs to look at: those the changes named, and those an earlier sync left pending. */
const withPending = async (s: Scope, pending: readonly string[], named: readonly ChannelSkuItem[]): Promise<ChannelSkuItem[]> => {
  const known = new Set(named.map((k) => k.skuId));
  const more = pending.filter((id) => !known.has(id));
  if (!more.length) return [...named];
  const key = { tenantId: s.tenantId, channel: s.channel };
  const found = await batchGet(
    more.map((skuId) => ({ ...key, skuId })),
    (keys) => s.channels.entities.channelSku.get(keys).go(),
  );
  return [...named, ...found.filter((k) => !k.brokenAt)];
};

const syncStore = async (s: Scope, app: { appId: string; secret: string }, storeId: string, storeCode: string, named: readonly ChannelSkuItem[]): Promise<void> => {
  const { stockLimits: limits } = s.adapter;
  const key = { tenantId: s.tenantId, channel: s.channel };
  const sync = (await s.channels.entities.channelStockSync.get({ ...key, storeId }).go({ consistent: true })).data;
  const pending = sync?.pending ?? [];
  const skus = await withPending(s, pending, named);
  const values = await readSellable(s.tenantId, storeId, skus.map((k) => k.skuId), s.stock, limits.maxStock);
  const lastSent = (sync?.lastSent ?? {}) as Record<string, number>;
  const due = skus.filter((k) => lastSent[k.skuId] !== values.get(k.skuId));
  const settledPending = pending.filter((id) => !due.some((k) => k.skuId === id));
  if (settledPending.length) await markPending(key, storeId, { remove: settledPending }, s.slots);
  const sent = new Set<string>();
  try {
    for (const chunk of chunksOf(due, limits.maxGroupsPerCall)) {
      const slot = await takeCallSlot(key, storeId, limits, s.slots);
      // Read again once the slot is ours: whatever sold while we waited is in this call.
      const now = await readSellable(s.tenantId, storeId, chunk.map((k) => k.skuId), s.stock, limits.maxStock);
      const items = chunk.map((k) => ({ skuCode: k.skuCode, spuCode: k.spuCode, stock: now.get(k.skuId)! }));
      const outcome = await s.adapter.pushStock(app, storeCode, items).catch(async (error: unknown) => {
        await settleSlot(key, storeId, slot, s.slots.now(), {}, s.slots);
        if (error instanceof PlatformThrottledError) await backOff(key, limits, s.slots);
        throw error;
      });
      const failed = new Set(outcome.failed.map((f) => f.skuCode));
      const told = chunk.filter((k) => !failed.has(k.skuCode));
      await settleSlot(key, storeId, slot, s.slots.now(), Object.fromEntries(told.map((k) => [k.skuId, now.get(k.skuId)!])), s.slots);
      for (const k of told) sent.add(k.skuId);
      // A SKU the platform does not know is not retried: its listing is marked broken instead.
      const broken = outcome.failed.filter((f) => f.broken);
      await markBroken(s, chunk, broken, new Date(slot.claimedAt).toISOString());
      for (const f of broken) sent.add(chunk.find((k) => k.skuCode === f.skuCode)?.skuId ?? '');
      const retry = outcome.failed.filter((f) => !f.broken);
      if (retry.length) throw new Error(`${s.channel} refused the stock of ${retry.map((f) => `${f.skuCode} (${f.code})`).join(', ')} at ${storeCode}`);
    }
  } catch (error) {
    await markPending(key, storeId, { add: due.map((k) => k.skuId).filter((id) => !sent.has(id)) }, s.slots).catch(() => undefined);
    throw error;
  }
};

/** The listed SKUs each listed store must be told about, from the changes that name them. */
const targetsOf = async (s: Scope, changes: readonly StockChange[]) => {
  const { channelStore, channelSku } = s.channels.entities;
  const key = { tenantId: s.tenantId, channel: s.channel };
  const stores = (await channelStore.query.byChannel(key).go({ pages: 'all' })).data;
  const wantsAll = changes.some((c) => c.skuId === ALL);
  const named = [...new Set(changes.map((c) => c.skuId).filter((id) => id !== ALL))];
  const skus = wantsAll
    ? (await channelSku.query.byChannel(key).go({ pages: 'all' })).data
    : await batchGet(
        named.map((skuId) => ({ ...key, skuId })),
        (keys) => channelSku.get(keys).go(),
      );
  const live = skus.filter((k) => !k.brokenAt);
  return stores.flatMap((store) => {
    const mine = changes.filter((c) => c.storeId === store.storeId || c.storeId === ALL);
    if (!mine.length) return [];
    const ids = new Set(mine.map((c) => c.skuId));
    return [{ store, indexes: mine.map((c) => c.index), skus: live.filter((k) => ids.has(ALL) || ids.has(k.skuId)) }];
  });
};

const syncTenant = async (tenantId: string, changes: readonly StockChange[], deps: SyncDeps): Promise<StoreFailure[]> => {
  const channels = await deps.channelsOf(tenantId);
  const failures: StoreFailure[] = [];
  for (const channel of CHANNEL_PLATFORMS) {
    const mine = changes.filter((c) => !c.channel || c.channel === channel);
    if (!mine.length) continue;
    // Most tenants connect no platform: one read, and their changes are done.
    const account = (await channels.entities.channelAccount.get({ tenantId, channel }).go()).data;
    if (!account) continue;
    const app = { appId: account.appId, secret: await openAppSecret(account, deps.cipher) };
    const scope: Scope = { tenantId, channel, adapter: ADAPTERS[channel], channels, stock: await deps.stockOf(tenantId), slots: { channels, now: () => deps.clock.now().getTime(), sleep: deps.sleep, deadline: deps.deadline } };
    for (const target of await targetsOf(scope, mine)) {
      if (!target.skus.length) continue;
      try {
        await syncStore(scope, app, target.store.storeId, target.store.storeCode, target.skus);
      } catch (error) {
        failures.push({ tenantId, channel, storeId: target.store.storeId, indexes: target.indexes, error });
      }
    }
  }
  return failures;
};

/** Pushes what `changes` affect; tenants one after another, a failure of one store stopping no other. */
export const syncChannelStock = async (changes: readonly StockChange[], deps: SyncDeps): Promise<StoreFailure[]> => {
  const failures: StoreFailure[] = [];
  for (const tenantId of new Set(changes.map((c) => c.tenantId))) {
    try {
      failures.push(...(await syncTenant(tenantId, changes.filter((c) => c.tenantId === tenantId), deps)));
    } catch (error) {
      failures.push({ tenantId, channel: CHANNEL_PLATFORMS[0], storeId: ALL, indexes: changes.filter((c) => c.tenantId === tenantId).map((c) => c.index), error });
    }
  }
  return failures;
};

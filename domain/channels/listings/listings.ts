// Listing stores and SKUs on a platform. Every store and SKU named must be the chain's own (any
// other is not found, another tenant's included); a listed SKU must be on sale. Listing (again)
// writes the link afresh, which clears a broken mark and makes the stock push send its levels.
import type { Clock } from '../../shared/clock.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import { auditEntry } from '../../audit/audit.ts';
import { batchGet } from '../../shared/batches.ts';
import type { ChannelService } from '../channel-service.ts';
import type { ChannelPlatform } from '../platforms.ts';
import type { ListingChange, ListingView } from './schemas.ts';

type Deps = { channels: ChannelService; clock: Clock };

const readAll = async <K, T>(keys: readonly K[], get: (keys: K[]) => Promise<{ data: T[]; unprocessed: K[] }>): Promise<T[]> => (keys.length ? batchGet(keys, get) : []);

export const setListings = async (ctx: TenantContext, channel: ChannelPlatform, change: ListingChange, { channels, clock }: Deps): Promise<ListingView> => {
  const { tenantId } = ctx;
  const stores = change.stores ?? [];
  const skus = change.skus ?? [];
  const { store, sku } = channels.entities;
  const [storeItems, skuItems] = await Promise.all([
    readAll(stores.map((s) => ({ tenantId, storeId: s.storeId })), (k) => store.get(k).go()),
    readAll(skus.map((s) => ({ tenantId, skuId: s.skuId })), (k) => sku.get(k).go()),
  ]);
  const storeById = new Map(storeItems.map((s) => [s.storeId, s]));
  const skuById = new Map(skuItems.map((s) => [s.skuId, s]));
  if (stores.some((s) => !storeById.has(s.storeId))) throw new NotFoundError('store');
  if (skus.some((s) => !skuById.has(s.skuId))) throw new NotFoundError('SKU');
  const archived = skus.flatMap((s, i) => (s.listed && skuById.get(s.skuId)!.status === 'archived' ? [{ path: `body.skus.${i}.skuId`, message: 'This SKU is archived and no longer sold' }] : []));
  if (archived.length) throw new ValidationError(archived);

  const view: ListingView = {
    channel,
    stores: stores.map((s) => ({ storeId: s.storeId, storeCode: storeById.get(s.storeId)!.code, listed: s.listed })),
    skus: skus.map((s) => {
      const skuCode = skuById.get(s.skuId)!.code;
      return { skuId: s.skuId, skuCode, spuCode: s.listed ? (s.spuCode ?? skuCode) : null, listed: s.listed };
    }),
  };
  const at = clock.now();
  const listedAt = at.toISOString();
  const { canceled, data } = await channels.transaction
    .write(({ channelStore, channelSku, auditEntry: audit }) => [
      ...view.stores.map((s) =>
        s.listed ? channelStore.put({ tenantId, channel, storeId: s.storeId, storeCode: s.storeCode, listedAt }).commit() : channelStore.delete({ tenantId, channel, storeId: s.storeId }).commit(),
      ),
      ...view.skus.map((s) =>
        s.spuCode !== null ? channelSku.put({ tenantId, channel, skuId: s.skuId, skuCode: s.skuCode, spuCode: s.spuCode, listedAt }).commit() : channelSku.delete({ tenantId, channel, skuId: s.skuId }).commit(),
      ),
      audit.create(auditEntry(ctx, { action: 'channel.listings.changed', targetType: 'channel', targetId: channel, after: view }, at)).commit(),
    ])
    .go();
  if (canceled) throw new Error(`Channel listing transaction canceled: ${JSON.stringify((data as { code: string }[]).map((d) => d.code))}`);
  return view;
};

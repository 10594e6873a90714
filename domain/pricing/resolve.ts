// GET /v1/prices/resolve: the price each SKU sells at in a store, on a channel, at a moment, and
// why. The choice itself is the pure resolvePrices (price-resolution.ts); this reads its inputs
// (price-reads.ts) and explains the winner: the list's id, version, name, kind and priority, or
// the SKU's own list price.
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import type { PricingService } from './pricing-service.ts';
import type { Channel } from '../shared/channels.ts';
import { resolvePrices, type ResolvedPrice } from './price-resolution.ts';
import type { LivePriceListItem } from './live-price-list-entity.ts';
import { readPricingInputs, type PricingInputs } from './price-reads.ts';
import type { ResolveQuery } from './schemas.ts';
import type { PriceSourceView, ResolvedPrices, ResolvedPriceView } from './views.ts';

type Deps = { service: PricingService; clock: Clock };

export type PriceRequest = { storeId: string; channel: Channel; skuIds: readonly string[]; at?: string; member: boolean };

const explain = (resolved: ResolvedPrice, lists: ReadonlyMap<string, LivePriceListItem>): PriceSourceView => {
  if (resolved.source.type === 'list_price') return { type: 'list_price' };
  const list = lists.get(resolved.source.id)!;
  return { type: 'price_list', id: list.priceListId, version: list.version, name: list.name, kind: list.kind, priority: list.priority };
};

/** Resolved prices of `inputs` (same order as its SKUs), each with its list price and source. */
export const pricesFrom = (inputs: PricingInputs, request: Pick<PriceRequest, 'channel' | 'member'>, at: string): ResolvedPriceView[] => {
  const context = { storeId: inputs.store.storeId, regionId: inputs.store.regionId, channel: request.channel, at, member: request.member };
  const resolved = resolvePrices(inputs.skus.map((s) => ({ skuId: s.skuId, listPrice: s.listPrice })), context, inputs.candidates);
  return resolved.map((r, i) => ({ skuId: r.skuId, amount: r.amount, currency: 'CNY', listPrice: inputs.skus[i]!.listPrice, source: explain(r, inputs.lists) }));
};

export const resolveStorePrices = async (ctx: TenantContext, query: ResolveQuery, deps: Deps): Promise<ResolvedPrices> => {
  const at = query.at ?? deps.clock.now().toISOString();
  const inputs = await readPricingInputs(ctx, query.storeId, query.skuIds, (i) => `query.skuIds.${i}`, deps);
  return { storeId: query.storeId, channel: query.channel, member: query.member, at, data: pricesFrom(inputs, query, at) };
};

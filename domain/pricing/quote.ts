// A basket priced at a store: each line's unit price resolved as GET /v1/prices/resolve would,
// then the chain's live promotions applied by the pure applyPromotions (each line its single best
// promotion). Orders price with this same function, so a quote and the order that follows agree.
// One round of reads (price-reads.ts), the live promotions among them; a second only when a live
// promotion at this store takes a percentage off a category, for the SKUs' category ancestors.
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import type { SkuRecord } from '../catalog/sku-view.ts';
import type { StoreItem } from '../stores/store-entity.ts';
import type { PricingService } from './pricing-service.ts';
import { scopeMatches } from './price-resolution.ts';
import { applyPromotions, type Promotion } from './promotions.ts';
import { readPricingInputs } from './price-reads.ts';
import { pricesFrom } from './resolve.ts';
import type { QuoteRequest } from './schemas.ts';
import type { QuoteView } from './views.ts';

type Deps = { service: PricingService; clock: Clock; eventual?: boolean };

/** Each SKU's category's ancestors, so a department's promotion reaches its sub-categories' lines. */
const ancestorsOf = async (tenantId: string, skus: readonly SkuRecord[], { service, eventual }: Pick<Deps, 'service' | 'eventual'>): Promise<Map<string, string[]>> => {
  const ids = [...new Set(skus.flatMap((s) => (s.categoryId ? [s.categoryId] : [])))];
  if (ids.length === 0) return new Map();
  const { data } = await service.entities.category.get(ids.map((categoryId) => ({ tenantId, categoryId }))).go({ consistent: !eventual });
  return new Map(data.map((c) => [c.categoryId, c.path]));
};

/** The quote, the SKU records it priced (in line order: an order keeps their names and checks their status) and the store. */
export const priceBasket = async (ctx: TenantContext, request: QuoteRequest, deps: Deps): Promise<{ quote: QuoteView; skus: SkuRecord[]; store: StoreItem }> => {
  const { tenantId } = ctx;
  const at = request.at ?? deps.clock.now().toISOString();
  const skuIds = request.lines.map((l) => l.skuId);
  const inputs = await readPricingInputs(ctx, request.storeId, skuIds, (i) => `body.lines.${i}.skuId`, deps);
  const where = { storeId: inputs.store.storeId, regionId: inputs.store.regionId, channel: request.channel };
  const live = [...inputs.lists.values()].filter((l) => l.promotion && scopeMatches(l.scope, where));
  const promotions = live.map((p): Promotion => ({ id: p.priceListId, validFrom: p.validFrom, validTo: p.validTo, ...p.promotion }));
  const byCategory = promotions.some((p) => p.type === 'percent_off_category');
  const ancestors = byCategory ? await ancestorsOf(tenantId, inputs.skus, deps) : new Map<string, string[]>();
  const prices = pricesFrom(inputs, request, at);
  const basket = request.lines.map((line, i) => {
    const { categoryId } = inputs.skus[i]!;
    return { skuId: line.skuId, quantity: line.quantity, unitPrice: prices[i]!.amount, categoryId, categoryAncestorIds: categoryId ? ancestors.get(categoryId) : undefined };
  });
  const outcome = applyPromotions(basket, promotions, at);
  const named = new Map(live.map((p) => [p.priceListId, { id: p.priceListId, name: p.name, version: p.version }]));
  const quote: QuoteView = {
    storeId: request.storeId,
    channel: request.channel,
    member: request.member,
    at,
    currency: 'CNY',
    lines: outcome.lines.map((l, i) => ({
      skuId: l.skuId,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      source: prices[i]!.source,
      listTotal: l.listTotal,
      discount: l.discount,
      amount: l.total,
      promotionId: l.promotionId,
    })),
    subtotal: outcome.listTotal,
    discountTotal: outcome.discountTotal,
    total: outcome.total,
    promotions: outcome.appliedPromotionIds.map((id) => named.get(id)!),
  };
  return { quote, skus: inputs.skus, store: inputs.store };
};

export const quoteBasket = async (ctx: TenantContext, request: QuoteRequest, deps: Deps): Promise<QuoteView> => (await priceBasket(ctx, request, deps)).quote;

// Requests of the price engine (API.md, "Goods, prices, stock", plus what pricing adds). Every
// check that needs no read is made here, so a malformed request is refused before any I/O.
import { z } from 'zod';
import { idPattern } from '../shared/ids.ts';
import { PageQuery } from '../shared/pagination.ts';
import { CategoryId, MAX_LIST_PRICE, SkuId } from '../catalog/product-schemas.ts';
import { StoreId } from '../catalog/schemas.ts';
import { Channel } from '../shared/channels.ts';
import { PriceAmount } from './price-resolution.ts';
import { BuyXGetY, PercentOffCategory } from './promotions.ts';
import { ALL_PRICE_LIST_KINDS, PRICE_LIST_STATUSES } from './price-list-entity.ts';

/**
 * A change is one transaction: its price lines plus the header, promotion, sequence, change
 * record, audit entry and event must stay under DynamoDB's 100 items. A bigger list is built as a
 * draft over several requests and activated in one (each request its own version).
 */
export const MAX_PRICE_LINES = 90;
export const MAX_PRIORITY = 10_000;
/** A basket or a resolve asks for at most this many SKUs: one Query each, in parallel. */
export const MAX_SKUS_PER_REQUEST = 100;

export const PriceListId = z.string().regex(idPattern('priceList'), 'a price list id (prl_...)');
const RegionId = z.string().regex(idPattern('region'), 'a region id (reg_...)');

/** An array whose items may not repeat; a repeat is reported at its own index. */
const distinct = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((value, i) => {
        if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [i], message: 'appears twice in this request' });
        seen.add(value);
      });
    });

export const ScopeInput = z.object({
  regionIds: distinct(RegionId, 100).optional(),
  storeIds: distinct(StoreId, 500).optional(),
  channels: distinct(Channel, 3).optional(),
});
export type ScopeInput = z.infer<typeof ScopeInput>;

/** Stored and compared as UTC ISO strings, whatever offset the caller wrote. */
export const Moment = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

/** A promotion as the pure rules know it, minus what the list itself carries (its id and window). */
const OWN = { id: true, validFrom: true, validTo: true } as const;
export const PromotionRule = z.discriminatedUnion('type', [
  BuyXGetY.omit(OWN).extend({ skuIds: distinct(SkuId, 50).min(1), buy: z.number().int().min(1).max(99), get: z.number().int().min(1).max(99) }),
  PercentOffCategory.omit(OWN).extend({ categoryId: CategoryId }),
]);
export type PromotionRule = z.infer<typeof PromotionRule>;

export const PriceLine = z.object({ skuId: SkuId, amount: PriceAmount.max(MAX_LIST_PRICE) });
export type PriceLine = z.infer<typeof PriceLine>;

const repeatedSkus = (lines: readonly { skuId: string }[], ctx: z.RefinementCtx, field: string) => {
  const seen = new Set<string>();
  lines.forEach(({ skuId }, i) => {
    if (seen.has(skuId)) ctx.addIssue({ code: 'custom', path: [field, i, 'skuId'], message: 'appears twice in this request' });
    seen.add(skuId);
  });
};

const windowOrder = (w: { validFrom?: string | null; validTo?: string | null }, ctx: z.RefinementCtx) => {
  if (w.validFrom && w.validTo && w.validTo <= w.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must be later than validFrom' });
};

export const NewPriceList = z
  .object({
    name: z.string().trim().min(1).max(80),
    kind: z.enum(ALL_PRICE_LIST_KINDS).default('standard'),
    priority: z.number().int().min(0).max(MAX_PRIORITY),
    scope: ScopeInput.default({}),
    validFrom: Moment.optional(),
    validTo: Moment.optional(),
    /** A draft never applies: a list too big for one request is filled in drafts, then activated. */
    status: z.enum(['active', 'draft']).default('active'),
    prices: z.array(PriceLine).max(MAX_PRICE_LINES).default([]),
    promotion: PromotionRule.optional(),
  })
  .superRefine((p, ctx) => {
    windowOrder(p, ctx);
    repeatedSkus(p.prices, ctx, 'prices');
    if (p.kind === 'promotion') {
      if (!p.promotion) ctx.addIssue({ code: 'custom', path: ['promotion'], message: 'a promotion list needs its rule' });
      if (p.prices.length) ctx.addIssue({ code: 'custom', path: ['prices'], message: 'a promotion list has a rule, not prices' });
      return;
    }
    if (p.promotion) ctx.addIssue({ code: 'custom', path: ['promotion'], message: `a ${p.kind} list has prices, not a promotion rule` });
    if (p.status === 'active' && p.prices.length === 0) ctx.addIssue({ code: 'custom', path: ['prices'], message: 'give at least one price (or create a draft)' });
  });
export type NewPriceList = z.infer<typeof NewPriceList>;

export const PriceListPatch = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    priority: z.number().int().min(0).max(MAX_PRIORITY).optional(),
    scope: ScopeInput.optional(),
    /** null removes the bound. */
    validFrom: Moment.nullable().optional(),
    validTo: Moment.nullable().optional(),
    /** Archiving ends a list for good: its prices are then cleared. */
    status: z.enum(['active', 'archived']).optional(),
    /** Prices to set (added or changed). */
    prices: z.array(PriceLine).max(MAX_PRICE_LINES).optional(),
    removeSkuIds: distinct(SkuId, MAX_PRICE_LINES).optional(),
    promotion: PromotionRule.optional(),
    /** Refuse the change (409) unless the list is still at this version: no edit on a stale read. */
    expectedVersion: z.number().int().min(1).optional(),
  })
  .superRefine((p, ctx) => {
    const { expectedVersion: _, ...changes } = p;
    if (!Object.values(changes).some((v) => v !== undefined)) ctx.addIssue({ code: 'custom', path: [], message: 'give at least one change' });
    windowOrder(p, ctx);
    const prices = p.prices ?? [];
    repeatedSkus(prices, ctx, 'prices');
    if (prices.length + (p.removeSkuIds?.length ?? 0) > MAX_PRICE_LINES)
      ctx.addIssue({ code: 'custom', path: ['prices'], message: `at most ${MAX_PRICE_LINES} prices set and removed per request` });
    const set = new Set(prices.map((l) => l.skuId));
    p.removeSkuIds?.forEach((id, i) => {
      if (set.has(id)) ctx.addIssue({ code: 'custom', path: ['removeSkuIds', i], message: 'is also priced in this request' });
    });
  });
export type PriceListPatch = z.infer<typeof PriceListPatch>;

export const PriceListPath = z.object({ id: PriceListId });

export const PriceListQuery = PageQuery.extend({ status: z.enum(PRICE_LIST_STATUSES).optional(), kind: z.enum(ALL_PRICE_LIST_KINDS).optional() });
export type PriceListQuery = z.infer<typeof PriceListQuery>;

/** `?skuIds=a,b` as the list it names. */
const SkuIdList = z
  .string()
  .transform((s) => s.split(',').map((id) => id.trim()).filter((id) => id !== ''))
  .pipe(distinct(SkuId, MAX_SKUS_PER_REQUEST).min(1, 'name at least one SKU'));

export const ResolveQuery = z.object({
  storeId: StoreId,
  channel: Channel,
  skuIds: SkuIdList,
  /** The moment of sale; now when absent. */
  at: Moment.optional(),
  /** The customer showed a member card: member lists apply too. */
  member: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});
export type ResolveQuery = z.infer<typeof ResolveQuery>;

export const QuoteLine = z.object({ skuId: SkuId, quantity: z.number().int().min(1).max(9_999) });

export const QuoteRequest = z
  .object({
    storeId: StoreId,
    channel: Channel,
    member: z.boolean().default(false),
    at: Moment.optional(),
    lines: z.array(QuoteLine).min(1).max(MAX_SKUS_PER_REQUEST),
  })
  .superRefine((q, ctx) => repeatedSkus(q.lines, ctx, 'lines'));
export type QuoteRequest = z.infer<typeof QuoteRequest>;

export const Acknowledgement = z.object({ version: z.number().int().min(0) });
export type Acknowledgement = z.infer<typeof Acknowledgement>;

// What the price engine's routes answer (API.md, "Goods, prices, stock", plus what pricing adds):
// the schemas of their success bodies. The views are typed by them, and httpHandler checks every
// answer against them.
import { z } from 'zod';
import { Channel } from '../shared/channels.ts';
import { Currency, Fen, Id, Timestamp } from '../shared/fields.ts';
import { page } from '../shared/pagination.ts';
import { ALL_PRICE_LIST_KINDS, PRICE_LIST_STATUSES } from './price-list-entity.ts';
import { PromotionRule } from './schemas.ts';

const Sequence = z.number().int().describe('The chain’s price sequence after this change: the version stores move to');

export const PriceListView = z
  .object({
    id: Id('priceList'),
    name: z.string(),
    kind: z.enum(ALL_PRICE_LIST_KINDS),
    priority: z.number().int().describe('The highest applicable list wins'),
    scope: z
      .object({ regionIds: z.array(Id('region')), storeIds: z.array(Id('store')), channels: z.array(Channel) })
      .describe('Where the list applies; an empty dimension means every'),
    validFrom: Timestamp.nullable(),
    validTo: Timestamp.nullable(),
    status: z.enum(PRICE_LIST_STATUSES),
    version: z.number().int(),
    lineCount: z.number().int().describe('Its prices (none for a promotion list)'),
    promotion: PromotionRule.nullable().describe('A promotion list’s rule'),
    currency: Currency,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'PriceList' });
export type PriceListView = z.output<typeof PriceListView>;
export const PriceListPage = page(PriceListView);
/** `POST /v1/price-lists`, `PATCH /v1/price-lists/{id}`. */
export const PriceListWrite = PriceListView.extend({ priceSequence: Sequence });
export type PriceListWrite = z.output<typeof PriceListWrite>;

/** `GET /v1/price-lists/{id}/prices`: one SKU's price on the list. */
export const PriceEntryView = z.object({ skuId: Id('sku'), amount: Fen, currency: Currency, version: z.number().int().describe('The list version that set it'), updatedAt: Timestamp });
export const PriceEntryPage = page(PriceEntryView);

/** Why a SKU sells at its price: its own list price, or the list that won. */
export const PriceSourceView = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('list_price') }),
    z.object({ type: z.literal('price_list'), id: Id('priceList'), version: z.number().int(), name: z.string(), kind: z.enum(ALL_PRICE_LIST_KINDS), priority: z.number().int() }),
  ])
  .meta({ id: 'PriceSource' });
export type PriceSourceView = z.output<typeof PriceSourceView>;

export const ResolvedPriceView = z.object({ skuId: Id('sku'), amount: Fen, currency: Currency, listPrice: Fen, source: PriceSourceView });
export type ResolvedPriceView = z.output<typeof ResolvedPriceView>;

/** `GET /v1/prices/resolve`: prices in the order the SKUs were asked for. */
export const ResolvedPrices = z
  .object({ storeId: Id('store'), channel: Channel, member: z.boolean(), at: Timestamp.describe('The moment priced'), data: z.array(ResolvedPriceView) })
  .meta({ id: 'ResolvedPrices' });
export type ResolvedPrices = z.output<typeof ResolvedPrices>;

/** `POST /v1/prices:quote`: a basket priced, promotions applied. */
export const QuoteView = z
  .object({
    storeId: Id('store'),
    channel: Channel,
    member: z.boolean(),
    at: Timestamp,
    currency: Currency,
    lines: z.array(
      z.object({
        skuId: Id('sku'),
        quantity: z.number().int(),
        unitPrice: Fen,
        source: PriceSourceView,
        listTotal: Fen,
        discount: Fen,
        amount: Fen,
        promotionId: Id('priceList').nullable().describe('The promotion list that discounted the line'),
      }),
    ),
    subtotal: Fen,
    discountTotal: Fen,
    total: Fen,
    promotions: z.array(z.object({ id: Id('priceList'), name: z.string(), version: z.number().int() })).describe('The promotions applied'),
  })
  .meta({ id: 'Quote' });
export type QuoteView = z.output<typeof QuoteView>;

/** `GET /v1/stores/{id}/price-version` and its acknowledgement. */
export const StorePriceVersionView = z
  .object({
    storeId: Id('store'),
    version: z.number().int().describe('The latest price change that affected the store; 0 before any'),
    changedAt: Timestamp.nullable(),
    priceListId: Id('priceList').nullable(),
    acknowledgedVersion: z.number().int().describe('What the store’s terminals run'),
    acknowledgedAt: Timestamp.nullable(),
    upToDate: z.boolean(),
  })
  .meta({ id: 'StorePriceVersion' });
export type StorePriceVersionView = z.output<typeof StorePriceVersionView>;

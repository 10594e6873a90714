// Requests of replenishment: a store's min/max levels, suggestions, and orders to a warehouse.
import { z } from 'zod';
import { SkuId } from '../../catalog/product-schemas.ts';
import { StoreId, WarehouseId } from '../../catalog/schemas.ts';
import { idPattern } from '../../shared/ids.ts';
import { Id, Timestamp } from '../../shared/fields.ts';
import { page, PageQuery } from '../../shared/pagination.ts';
import { TransferView } from '../transfers/transfer-view.ts';
import { ORDER_STATUSES } from './replenishment-order-entity.ts';
import { MAX_LINE_QUANTITY, MAX_TRANSFER_LINES, StockLine, skuLines } from '../transfers/transfer-schemas.ts';

/** Levels are written with their audit entry in one transaction. */
export const MAX_LEVEL_CHANGES = 50;

const Quantity = z.number().int().min(0).max(MAX_LINE_QUANTITY);

export const ReplenishmentLevel = z
  .object({ skuId: SkuId, min: Quantity, max: Quantity })
  .refine((l) => l.min <= l.max, { path: ['min'], message: 'must not exceed max' });

export const LevelsChange = z.object({ levels: skuLines(ReplenishmentLevel, MAX_LEVEL_CHANGES) });
export type LevelsChange = z.infer<typeof LevelsChange>;

export const SuggestionQuery = PageQuery.extend({
  /** Days of sales the velocity is taken over. */
  windowDays: z.coerce.number().int().min(1).max(90).default(14),
  /** Days from ordering to the goods being on the shelf. */
  leadTimeDays: z.coerce.number().int().min(0).max(60).default(1),
  /** Days until the next chance to order (1 when the store orders daily). */
  reviewPeriodDays: z.coerce.number().int().min(1).max(30).default(1),
});
export type SuggestionQuery = z.infer<typeof SuggestionQuery>;

/** An order ships as one transfer, so it has a transfer's line limit. */
export const NewReplenishmentOrder = z.object({
  storeId: StoreId,
  warehouseId: WarehouseId,
  lines: skuLines(StockLine, MAX_TRANSFER_LINES),
  note: z.string().trim().min(1).max(200).optional(),
});
export type NewReplenishmentOrder = z.infer<typeof NewReplenishmentOrder>;

export const OrderPath = z.object({ id: z.string().regex(idPattern('replenishmentOrder'), 'a replenishment order id (rpo_...)') });

export const OrderListQuery = PageQuery.extend({ storeId: StoreId.optional(), warehouseId: WarehouseId.optional(), status: z.enum(ORDER_STATUSES).optional() }).refine(
  (q) => (q.storeId === undefined) !== (q.warehouseId === undefined),
  { path: ['storeId'], message: 'give either storeId or warehouseId' },
);
export type OrderListQuery = z.infer<typeof OrderListQuery>;

// What the replenishment routes answer.

const Units = z.number().int();

/** `PUT /v1/stores/{id}/replenishment/levels`: the levels the change set. */
export const LevelsChangeView = z.object({ storeId: Id('store'), levels: z.array(z.object({ skuId: Id('sku'), min: Units, max: Units })) });
export type LevelsChangeView = z.output<typeof LevelsChangeView>;

export const LevelView = z.object({ skuId: Id('sku'), min: Units, max: Units, updatedAt: Timestamp }).meta({ id: 'ReplenishmentLevel' });
export const LevelPage = page(LevelView);

export const SuggestionView = z
  .object({
    skuId: Id('sku'),
    suggested: Units.describe('Units to order, in whole packs'),
    sold: Units.describe('Units sold over the window'),
    onHand: Units,
    reserved: Units,
    inTransit: Units,
    onOrder: Units.describe('On submitted orders not shipped yet'),
    min: Units,
    max: Units,
    levelsSet: z.boolean(),
    packSize: Units,
  })
  .meta({ id: 'ReplenishmentSuggestion' });
/** `GET /v1/stores/{id}/replenishment/suggestions`: a page of SKUs, with the parameters used. */
export const SuggestionPage = page(SuggestionView).extend({ storeId: Id('store'), windowDays: Units, leadTimeDays: Units, reviewPeriodDays: Units });
export type SuggestionPage = z.output<typeof SuggestionPage>;

export const OrderView = z
  .object({
    id: Id('replenishmentOrder'),
    storeId: Id('store'),
    warehouseId: Id('warehouse'),
    status: z.enum(ORDER_STATUSES),
    lines: z.array(z.object({ skuId: Id('sku'), quantity: Units })),
    note: z.string().nullable(),
    transferId: Id('transfer').nullable().describe('Once shipped: the transfer that carries it'),
    createdAt: Timestamp,
    createdBy: z.string(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'ReplenishmentOrder' });
export type OrderView = z.output<typeof OrderView>;
export const OrderPage = page(OrderView);

/** `POST /v1/replenishment-orders/{id}/ship`: the order, shipped, and its transfer. */
export const ShippedOrderView = OrderView.extend({ transfer: TransferView });
export type ShippedOrderView = z.output<typeof ShippedOrderView>;

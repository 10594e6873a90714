// Order requests (API.md, "Orders and fulfilment"). A line's price is never taken from the client:
// anything but skuId and quantity is dropped before the order is priced.
import { z } from 'zod';
import { Channel } from '../shared/channels.ts';
import { BusinessDay } from '../shared/fields.ts';
import { idPattern } from '../shared/ids.ts';
import { PageQuery } from '../shared/pagination.ts';
import { SkuId } from '../catalog/product-schemas.ts';
import { StoreId } from '../catalog/schemas.ts';
import { PaymentFields } from '../payments/schemas.ts';
import { FULFILMENT_TYPES } from './order-entity.ts';
import { ORDER_STATUSES } from './order-state.ts';

/**
 * Distinct SKUs per order. Paying the order is one transaction of 2 items per SKU (its ledger line
 * and its level) plus the order's own; DynamoDB allows 100.
 */
export const MAX_ORDER_SKUS = 40;
export const MAX_ORDER_LINES = 100;

const Quantity = z.number().int('a whole number').min(1, 'at least 1').max(9_999);
const Lines = z.array(z.object({ skuId: SkuId, quantity: Quantity })).min(1).max(MAX_ORDER_LINES);

/** The fulfilment each channel may ask for, the first being its default. */
export const CHANNEL_FULFILMENTS = { pos: ['instore'], online: ['pickup', 'delivery'], delivery: ['delivery'] } as const;

export const NewOrder = z
  .object({
    storeId: StoreId,
    channel: Channel,
    lines: Lines,
    fulfilment: z.object({ type: z.enum(FULFILMENT_TYPES), address: z.string().trim().min(1).max(300).optional() }).optional(),
    externalRef: z.string().trim().min(1).max(100).optional(),
    payment: PaymentFields.optional().describe('POS only: pay in the same request (the fields of POST /v1/payments)'),
  })
  .superRefine((o, ctx) => {
    if (new Set(o.lines.map((l) => l.skuId)).size > MAX_ORDER_SKUS) ctx.addIssue({ code: 'custom', path: ['lines'], message: `at most ${MAX_ORDER_SKUS} different SKUs` });
    const allowed: readonly string[] = CHANNEL_FULFILMENTS[o.channel];
    if (o.fulfilment && !allowed.includes(o.fulfilment.type)) ctx.addIssue({ code: 'custom', path: ['fulfilment', 'type'], message: `a ${o.channel} order is ${allowed.join(' or ')}` });
    if (o.fulfilment?.type === 'delivery' && !o.fulfilment.address) ctx.addIssue({ code: 'custom', path: ['fulfilment', 'address'], message: 'a delivery needs an address' });
    if (o.payment && o.channel !== 'pos') ctx.addIssue({ code: 'custom', path: ['payment'], message: 'only a till pays in the same request; pay online orders with POST /v1/payments' });
  });
export type NewOrder = z.infer<typeof NewOrder>;

export const OrderId = z.string().regex(idPattern('order'), 'an order id (ord_...)');
export const OrderPath = z.object({ id: OrderId });

export const Cancellation = z.object({ reason: z.string().trim().min(1).max(300).optional() });
export type Cancellation = z.infer<typeof Cancellation>;

export const NewReturn = z
  .object({ lines: z.array(z.object({ skuId: SkuId, quantity: Quantity })).min(1).max(MAX_ORDER_SKUS), reason: z.string().trim().min(1).max(300) })
  .superRefine((r, ctx) => {
    if (new Set(r.lines.map((l) => l.skuId)).size !== r.lines.length) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'each SKU once' });
  });
export type NewReturn = z.infer<typeof NewReturn>;

export const OrderQuery = PageQuery.extend({
  storeId: StoreId.optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  channel: Channel.optional(),
  from: BusinessDay.optional().describe('First business day (store time zone), inclusive'),
  to: BusinessDay.optional().describe('Last business day, inclusive'),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'on or after from' });
export type OrderQuery = z.infer<typeof OrderQuery>;

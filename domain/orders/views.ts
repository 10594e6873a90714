// An order as the API shows it: its priced lines, its payments and refunds, its fulfilment task
// and its returns (API.md, "Orders and fulfilment").
import { z } from 'zod';
import { Channel } from '../shared/channels.ts';
import { BusinessDay, Currency, Fen, Id, Timestamp } from '../shared/fields.ts';
import { page } from '../shared/pagination.ts';
import { PaymentView, RefundView } from '../payments/schemas.ts';
import { paymentView, refundView } from '../payments/views.ts';
import type { PaymentItem } from '../payments/payment-entity.ts';
import type { RefundItem } from '../payments/refund-entity.ts';
import { FulfilmentView, fulfilmentView } from '../fulfilment/views.ts';
import type { FulfilmentItem } from '../fulfilment/fulfilment-entity.ts';
import { FULFILMENT_TYPES, type OrderItem } from './order-entity.ts';
import { ORDER_STATUSES } from './order-state.ts';
import type { OrderReturnItem } from './return-entity.ts';
import { OfflineSaleView, offlineSaleView } from './offline/views.ts';

export const OrderLineView = z.object({
  skuId: Id('sku'),
  name: z.string(),
  quantity: z.number().int(),
  unitPrice: Fen,
  listTotal: Fen.describe('unitPrice × quantity'),
  discount: Fen,
  amount: Fen.describe('What the line costs: listTotal - discount'),
  promotionId: Id('priceList').nullable(),
  returnedQuantity: z.number().int(),
});

export const ReturnView = z
  .object({
    id: Id('orderReturn'),
    orderId: Id('order'),
    lines: z.array(z.object({ skuId: Id('sku'), quantity: z.number().int(), amount: Fen })),
    amount: Fen,
    currency: Currency,
    reason: z.string(),
    refunds: z.array(RefundView),
    createdAt: Timestamp,
  })
  .meta({ id: 'OrderReturn' });
export type ReturnView = z.output<typeof ReturnView>;

export const OrderView = z
  .object({
    id: Id('order'),
    number: z.string().describe('Printed on the receipt; unique per store and business day'),
    storeId: Id('store'),
    channel: Channel,
    status: z.enum(ORDER_STATUSES),
    businessDay: BusinessDay,
    lines: z.array(OrderLineView),
    subtotal: Fen,
    discountTotal: Fen,
    total: Fen,
    currency: Currency,
    paidAmount: Fen,
    refundedAmount: Fen,
    fulfilmentType: z.enum(FULFILMENT_TYPES),
    pickupCode: z.string().regex(/^\d{6}$/).optional(),
    externalRef: z.string().optional(),
    createdAt: Timestamp,
    expiresAt: Timestamp.optional().describe('While pending_payment with a hold: when it lapses'),
    paidAt: Timestamp.optional(),
    completedAt: Timestamp.optional(),
    cancelledAt: Timestamp.optional(),
    cancelReason: z.string().optional(),
    offlineSale: OfflineSaleView.optional().describe('A sale a till made offline: when, and how its charged price compares with the engine’s'),
    payments: z.array(PaymentView),
    refunds: z.array(RefundView),
    fulfilment: FulfilmentView.nullable(),
    returns: z.array(ReturnView),
  })
  .meta({ id: 'Order' });
export type OrderView = z.output<typeof OrderView>;

/** A list's entries leave out what only the order's own page carries. */
export const OrderSummaryView = OrderView.omit({ payments: true, refunds: true, fulfilment: true, returns: true }).meta({ id: 'OrderSummary' });
export type OrderSummaryView = z.output<typeof OrderSummaryView>;
export const OrderPage = page(OrderSummaryView);

export type OrderParts = { payments?: readonly PaymentItem[]; refunds?: readonly RefundItem[]; fulfilment?: FulfilmentItem | null; returns?: readonly OrderReturnItem[] };

export const orderSummaryView = (o: OrderItem): OrderSummaryView => {
  const view: OrderSummaryView = {
    id: o.orderId,
    number: o.number,
    storeId: o.storeId,
    channel: o.channel,
    status: o.status,
    businessDay: o.businessDay,
    lines: o.lines.map((l) => ({
      skuId: l.skuId,
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      listTotal: l.listTotal,
      discount: l.discount,
      amount: l.amount,
      promotionId: l.promotionId ?? null,
      returnedQuantity: l.returned,
    })),
    subtotal: o.subtotal,
    discountTotal: o.discountTotal,
    total: o.total,
    currency: 'CNY',
    paidAmount: o.paidAmount,
    refundedAmount: o.refundedAmount,
    fulfilmentType: o.fulfilmentType,
    createdAt: o.createdAt,
  };
  if (o.status === 'pending_payment' && o.expiresAt) view.expiresAt = o.expiresAt;
  for (const key of ['pickupCode', 'externalRef', 'paidAt', 'completedAt', 'cancelledAt', 'cancelReason'] as const) if (o[key]) view[key] = o[key];
  if (o.offlineSale) view.offlineSale = offlineSaleView(o.offlineSale);
  return view;
};

export const orderView = (o: OrderItem, parts: OrderParts = {}): OrderView => {
  const refunds = [...(parts.refunds ?? [])].sort((a, b) => a.refundId.localeCompare(b.refundId));
  return {
    ...orderSummaryView(o),
    payments: [...(parts.payments ?? [])].sort((a, b) => a.paymentId.localeCompare(b.paymentId)).map(paymentView),
    refunds: refunds.map(refundView),
    fulfilment: parts.fulfilment ? fulfilmentView(parts.fulfilment) : null,
    returns: [...(parts.returns ?? [])]
      .sort((a, b) => a.returnId.localeCompare(b.returnId))
      .map((r) => ({
        id: r.returnId,
        orderId: r.orderId,
        lines: r.lines.map(({ skuId, quantity, amount }) => ({ skuId, quantity, amount })),
        amount: r.amount,
        currency: 'CNY' as const,
        reason: r.reason,
        refunds: refunds.filter((f) => r.refundIds.includes(f.refundId)).map(refundView),
        createdAt: r.createdAt,
      })),
  };
};

// Payment requests and answers (API.md, "Payments"). The order checkout takes the same fields
// (without orderId) to pay in the same request.
import { z } from 'zod';
import { Currency, Fen, Id, Timestamp } from '../shared/fields.ts';
import { idPattern } from '../shared/ids.ts';
import { PAYMENT_FLOWS, PAYMENT_STATUSES, PROVIDERS, RECORDED_FLOWS, RECORDED_PROVIDERS } from './payment-entity.ts';
import { REFUND_STATUSES } from './refund-entity.ts';

const Amount = z.number().int('a whole number of fen').min(1).max(100_000_000);

export const PaymentFields = z
  .object({
    flow: z.enum(PAYMENT_FLOWS),
    authCode: z.string().trim().regex(/^\d{10,32}$/, 'the digits of the customer’s payment code').optional(),
    method: z.enum(['auto', ...PROVIDERS]).optional(),
    amount: Amount.optional().describe('Defaults to what the order still owes'),
    tendered: Amount.optional().describe('Cash handed over; change is given from it'),
  })
  .superRefine((p, ctx) => {
    if (p.flow === 'barcode' && !p.authCode) ctx.addIssue({ code: 'custom', path: ['authCode'], message: 'A barcode payment needs the scanned code' });
    if (p.flow === 'cash' && p.method && p.method !== 'cash') ctx.addIssue({ code: 'custom', path: ['method'], message: 'A cash payment’s method is cash' });
    if (p.flow !== 'cash' && p.tendered !== undefined) ctx.addIssue({ code: 'custom', path: ['tendered'], message: 'Only cash is tendered' });
  });
export type PaymentFields = z.infer<typeof PaymentFields>;

export const NewPayment = z.intersection(z.object({ orderId: z.string().regex(idPattern('order'), 'an order id (ord_...)') }), PaymentFields);
export type NewPayment = z.infer<typeof NewPayment>;

export const PaymentPath = z.object({ id: z.string().regex(idPattern('payment'), 'a payment id (pay_...)') });

export const PaymentView = z
  .object({
    id: Id('payment'),
    orderId: Id('order'),
    status: z.enum(PAYMENT_STATUSES),
    provider: z.enum(RECORDED_PROVIDERS),
    flow: z.enum(RECORDED_FLOWS),
    amount: Fen,
    currency: Currency,
    outTradeNo: z.string(),
    providerTxnId: z.string().optional(),
    failureCode: z.string().optional(),
    tendered: Fen.optional(),
    change: Fen.optional(),
    refundedAmount: Fen,
    createdAt: Timestamp,
    completedAt: Timestamp.optional(),
  })
  .meta({ id: 'Payment' });
export type PaymentView = z.output<typeof PaymentView>;

export const RefundView = z
  .object({ id: Id('refund'), paymentId: Id('payment'), status: z.enum(REFUND_STATUSES), amount: Fen, currency: Currency, reason: z.string(), createdAt: Timestamp, completedAt: Timestamp.optional() })
  .meta({ id: 'Refund' });
export type RefundView = z.output<typeof RefundView>;

export const NewRefund = z.object({
  amount: Amount.describe('Fen to give back; at most what the payment has left'),
  reason: z.string().trim().min(1).max(200),
});
export type NewRefund = z.infer<typeof NewRefund>;

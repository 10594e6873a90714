// Payments and refunds as the API shows them.
import type { PaymentItem } from './payment-entity.ts';
import type { RefundItem } from './refund-entity.ts';
import type { PaymentView, RefundView } from './schemas.ts';

export const paymentView = (p: PaymentItem): PaymentView => ({
  id: p.paymentId,
  orderId: p.orderId,
  status: p.status,
  provider: p.provider,
  flow: p.flow,
  amount: p.amount,
  currency: 'CNY',
  outTradeNo: p.outTradeNo,
  ...(p.providerTxnId ? { providerTxnId: p.providerTxnId } : {}),
  ...(p.failureCode ? { failureCode: p.failureCode } : {}),
  ...(p.tendered !== undefined ? { tendered: p.tendered, change: p.change ?? 0 } : {}),
  refundedAmount: p.refundedAmount,
  createdAt: p.createdAt,
  ...(p.completedAt ? { completedAt: p.completedAt } : {}),
});

export const refundView = (r: RefundItem): RefundView => ({
  id: r.refundId,
  paymentId: r.paymentId,
  status: r.status,
  amount: r.amount,
  currency: 'CNY',
  reason: r.reason,
  createdAt: r.createdAt,
  ...(r.completedAt ? { completedAt: r.completedAt } : {}),
});

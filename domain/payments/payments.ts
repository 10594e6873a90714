// POST /v1/payments and GET /v1/payments/{id}: paying an order (cash until the wallets are
// connected) and reading a payment back. The order is read again whenever it changed under us,
// so a payment racing another for the same order either still fits what is owed or is refused.
import { NotFoundError } from '../shared/errors.ts';
import { retryOptimistically, RETRY } from '../shared/optimistic-retry.ts';
import { canAccessStore, type TenantContext } from '../shared/tenancy.ts';
import { requireOrder } from '../orders/order-reads.ts';
import { payOrder } from '../orders/settle.ts';
import { OrderBusyError, OrderChangedError } from '../orders/errors.ts';
import type { OrderDeps } from '../orders/place-order.ts';
import type { NewPayment, PaymentView } from './schemas.ts';
import { paymentView } from './views.ts';

type Deps = Pick<OrderDeps, 'service' | 'clock'>;

export const createPayment = async (ctx: TenantContext, { orderId, ...fields }: NewPayment, paymentId: string, deps: Deps): Promise<PaymentView> =>
  paymentView(
    await retryOptimistically(8, () => new OrderBusyError(), async () => {
      const order = await requireOrder(ctx, orderId, deps);
      try {
        return await payOrder(order, fields, paymentId, ctx.userId, deps);
      } catch (error) {
        if (error instanceof OrderChangedError) return RETRY;
        throw error;
      }
    }),
  );

export const getPayment = async (ctx: TenantContext, paymentId: string, { service }: Pick<Deps, 'service'>): Promise<PaymentView> => {
  const { data } = await service.entities.payment.query.byId({ tenantId: ctx.tenantId, paymentId }).go();
  const payment = data[0];
  if (!payment || !canAccessStore(ctx, payment.storeId)) throw new NotFoundError('payment');
  return paymentView(payment);
};

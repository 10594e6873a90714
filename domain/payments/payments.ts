// POST /v1/payments and GET /v1/payments/{id}: paying an order (cash until the wallets are
// connected) and reading a payment back; and a delivery platform's payment of its order. The
// order is read again whenever it changed under us, so a payment racing another for the same
// order either still fits what is owed or is refused.
import { NotFoundError } from '../shared/errors.ts';
import { retryOptimistically, RETRY } from '../shared/optimistic-retry.ts';
import { canAccessStore, type TenantContext } from '../shared/tenancy.ts';
import { requireOrder } from '../orders/order-reads.ts';
import { payOrder } from '../orders/settle.ts';
import { OrderBusyError, OrderChangedError } from '../orders/errors.ts';
import type { OrderDeps } from '../orders/place-order.ts';
import type { NewPayment, PaymentView } from './schemas.ts';
import { paymentView } from './views.ts';
import { platformTenders } from './tenders.ts';
import { derivedId } from '../shared/ids.ts';
import type { ChannelPlatform } from '../channels/platforms.ts';

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

/**
 * A delivery platform's order was paid on the platform: recorded as the order's payment when we
 * confirm it, under an id derived from the order, so a redelivered push pays it once. The order is
 * then paid like any other (its hold becomes sales, its fulfilment task opens). An order that is
 * no longer pending (paid already, or cancelled) is left as it is.
 */
export const recordPlatformPayment = async (ctx: TenantContext, orderId: string, platform: ChannelPlatform, platformOrderId: string, deps: Deps): Promise<PaymentView | undefined> =>
  retryOptimistically(8, () => new OrderBusyError(), async () => {
    const order = await requireOrder(ctx, orderId, deps);
    if (order.status !== 'pending_payment') return undefined;
    const paymentId = derivedId('payment', Date.parse(order.createdAt), `${orderId}#${platform}`);
    try {
      return paymentView(await payOrder(order, { flow: 'platform', providerTxnId: platformOrderId }, paymentId, ctx.userId, deps, platformTenders[platform]));
    } catch (error) {
      if (error instanceof OrderChangedError) return RETRY;
      throw error;
    }
  });

export const getPayment = async (ctx: TenantContext, paymentId: string, { service }: Pick<Deps, 'service'>): Promise<PaymentView> => {
  const { data } = await service.entities.payment.query.byId({ tenantId: ctx.tenantId, paymentId }).go();
  const payment = data[0];
  if (!payment || !canAccessStore(ctx, payment.storeId)) throw new NotFoundError('payment');
  return paymentView(payment);
};

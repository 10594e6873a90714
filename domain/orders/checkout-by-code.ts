// A till's checkout paid by the customer's payment code in the same request: the order is placed
// unpaid, then paid through the wallet flow (payments/wallet-payments.ts) under a payment id
// derived from the order, so a retried request finds the same order and the same attempt. A code
// no wallet issues is refused before the order is placed. A declined code leaves the order
// placed and unpaid, with the failed attempt on it, for the cashier to take another way.
import { derivedId } from '../shared/ids.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { routeAuthCode } from '../payments/routing.ts';
import { isDecline, payWithWallet, type WalletDeps } from '../payments/wallet-payments.ts';
import { PaymentDeclinedError } from '../payments/errors.ts';
import { loadOrder, fullOrderView } from './order-reads.ts';
import { placeOrder, type OrderDeps } from './place-order.ts';
import type { NewOrder } from './schemas.ts';
import type { OrderView } from './views.ts';

export const checkoutByCode = async (ctx: TenantContext, request: NewOrder, orderIdOf: string | Promise<string>, deps: OrderDeps & WalletDeps): Promise<OrderView> => {
  const { payment, ...unpaid } = request;
  if (!payment) throw new Error('checkoutByCode needs the payment fields');
  deps.providerFor(ctx.tenantId, routeAuthCode(payment));
  const placed = await placeOrder(ctx, unpaid, orderIdOf, deps);
  const paymentId = derivedId('payment', Date.parse(placed.createdAt), `${placed.id}#checkout`);
  const paid = await payWithWallet(ctx, placed.id, payment, paymentId, deps);
  if (isDecline(paid)) throw new PaymentDeclinedError(paid.paymentId, paid.failureCode ?? 'declined', `${paid.failureCode ?? 'declined'}; order ${placed.id} is placed, unpaid`);
  return fullOrderView((await loadOrder(ctx.tenantId, placed.id, deps))!, deps);
};

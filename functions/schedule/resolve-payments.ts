// Every minute: resumes the wallet payments and refunds left processing past their window, tenant
// by tenant (domain/payments/payment-sweep.ts, wallet-refunds.ts). A tenant with a wallet refund
// has had a wallet payment, so the sweep registry that payments join holds it.
import { resolveWaitingPayments } from '../../domain/payments/payment-sweep.ts';
import { resolveWaitingRefunds } from '../../domain/payments/wallet-refunds.ts';
import { walletDeps } from '../http/payments/wallet-deps.ts';
import { logger } from '../middleware/logger.ts';
import { forEachRegisteredTenant } from './each-registered-tenant.ts';

type Totals = { resumed: number; decided: number; stillProcessing: number };
const zero = (): Totals => ({ resumed: 0, decided: 0, stillProcessing: 0 });
const add = (totals: Totals, outcome: Totals) => (Object.keys(totals) as (keyof Totals)[]).forEach((k) => (totals[k] += outcome[k]));

export const handler = async () => {
  const payments = zero();
  const refunds = zero();
  const tenants = await forEachRegisteredTenant('resolve waiting payments', async (tenantId, service) => {
    const deps = walletDeps(service);
    add(payments, await resolveWaitingPayments(tenantId, deps));
    add(refunds, await resolveWaitingRefunds({ tenantId }, deps));
  });
  if (payments.resumed > 0 || refunds.resumed > 0) logger.info('Resumed waiting payments and refunds', { payments, refunds, tenants });
  if (payments.stillProcessing > 0) logger.warn('Payments still undecided: their provider answered neither query nor reversal', { stillProcessing: payments.stillProcessing });
  if (refunds.stillProcessing > 0) logger.warn('Refunds still on their way at their provider', { stillProcessing: refunds.stillProcessing });
  return { tenants, ...payments, refunds };
};

// Every minute: resumes the wallet payments left processing past their window, tenant by tenant
// (domain/payments/payment-sweep.ts).
import { resolveWaitingPayments } from '../../domain/payments/payment-sweep.ts';
import { barcodeProviderFor } from '../../domain/payments/providers/registry.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { logger } from '../middleware/logger.ts';
import { forEachRegisteredTenant } from './each-registered-tenant.ts';

export const handler = async () => {
  const totals = { resumed: 0, decided: 0, stillProcessing: 0 };
  const tenants = await forEachRegisteredTenant('resolve waiting payments', async (tenantId, service) => {
    const outcome = await resolveWaitingPayments(tenantId, { service, clock: systemClock, providerFor: barcodeProviderFor });
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += outcome[k];
  });
  if (totals.resumed > 0) logger.info('Resumed waiting payments', { ...totals, tenants });
  if (totals.stillProcessing > 0) logger.warn('Payments still undecided: their provider answered neither query nor reversal', { stillProcessing: totals.stillProcessing });
  return { tenants, ...totals };
};

// Every minute: resumes the wallet payments left processing past their window, tenant by tenant
// (domain/payments/payment-sweep.ts). The registry is read with the function's own platform
// access; each tenant's payments with that tenant's scope.
import { createStockService } from '../../domain/inventory/stock-service.ts';
import { createSweepRegistrationEntity } from '../../domain/inventory/reservations/sweep-registration-entity.ts';
import { registeredTenants } from '../../domain/inventory/reservations/reservation-expiry.ts';
import { resolveWaitingPayments } from '../../domain/payments/payment-sweep.ts';
import { barcodeProviderFor } from '../../domain/payments/providers/registry.ts';
import { forEachConcurrent } from '../../domain/shared/concurrency.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { platformScope, scoped } from '../../tenants/data-access.ts';
import { logger } from '../middleware/logger.ts';

const platform = platformScope();
const registry = createSweepRegistrationEntity(platform.platformTable, platform.client);
const services = scoped(createStockService);
const TENANTS_IN_FLIGHT = 4;

export const handler = async () => {
  const tenants = await registeredTenants(registry);
  const totals = { resumed: 0, decided: 0, stillProcessing: 0 };
  const failed: string[] = [];
  await forEachConcurrent(tenants, TENANTS_IN_FLIGHT, async (tenantId) => {
    try {
      const outcome = await resolveWaitingPayments(tenantId, { service: await services(tenantId), clock: systemClock, providerFor: barcodeProviderFor });
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += outcome[k];
    } catch (error) {
      failed.push(tenantId);
      logger.error('Could not resolve waiting payments', { tenantId, error });
    }
  });
  if (totals.resumed > 0) logger.info('Resumed waiting payments', { ...totals, tenants: tenants.length });
  if (totals.stillProcessing > 0) logger.warn('Payments still undecided: their provider answered neither query nor reversal', { stillProcessing: totals.stillProcessing });
  // A failed invocation is what alarms watch; the next run picks up whatever is still waiting.
  if (failed.length > 0) throw new Error(`Resolving payments failed for ${failed.length} tenant(s)`);
  return { tenants: tenants.length, ...totals };
};

// Every minute: ends the reservations whose deadline has passed, tenant by tenant. The registry is
// read with the function's own platform access; each tenant's reservations are ended with that
// tenant's scope (domain/inventory/reservations/reservation-expiry.ts).
import { createStockService } from '../../domain/inventory/stock-service.ts';
import { createSweepRegistrationEntity } from '../../domain/inventory/reservations/sweep-registration-entity.ts';
import { expireDueReservations, registeredTenants } from '../../domain/inventory/reservations/reservation-expiry.ts';
import { orderExpiry } from '../../domain/orders/expire-order.ts';
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
  let expired = 0;
  const failed: string[] = [];
  await forEachConcurrent(tenants, TENANTS_IN_FLIGHT, async (tenantId) => {
    try {
      const deps = { service: await services(tenantId), clock: systemClock };
      // An order's hold expires with its order (order.expired), in the same transaction.
      expired += (await expireDueReservations(tenantId, deps, orderExpiry(deps))).expired;
    } catch (error) {
      failed.push(tenantId);
      logger.error('Could not expire reservations', { tenantId, error });
    }
  });
  if (expired > 0) logger.info('Expired reservations', { expired, tenants: tenants.length });
  // A failed invocation is what alarms watch; the next run picks up whatever is still due.
  if (failed.length > 0) throw new Error(`Expiring reservations failed for ${failed.length} tenant(s)`);
  return { tenants: tenants.length, expired };
};

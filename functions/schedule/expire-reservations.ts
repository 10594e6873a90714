// Every minute: ends the reservations whose deadline has passed, tenant by tenant
// (domain/inventory/reservations/reservation-expiry.ts).
import { expireDueReservations } from '../../domain/inventory/reservations/reservation-expiry.ts';
import { orderExpiry } from '../../domain/orders/expire-order.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { logger } from '../middleware/logger.ts';
import { forEachRegisteredTenant } from './each-registered-tenant.ts';

export const handler = async () => {
  let expired = 0;
  const tenants = await forEachRegisteredTenant('expire reservations', async (tenantId, service) => {
    const deps = { service, clock: systemClock };
    // An order's hold expires with its order (order.expired), in the same transaction.
    expired += (await expireDueReservations(tenantId, deps, orderExpiry(deps))).expired;
  });
  if (expired > 0) logger.info('Expired reservations', { expired, tenants });
  return { tenants, expired };
};

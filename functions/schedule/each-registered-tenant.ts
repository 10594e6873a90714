// What the sweepers share: read the platform's sweep registry with the function's own access,
// then do each registered tenant's work with that tenant's stock service (its vended scope), a
// few tenants at a time. One tenant's failure does not stop the others; the invocation then
// fails, which is what alarms watch, and the next run picks up whatever is still due.
import { createStockService, type StockService } from '../../domain/inventory/stock-service.ts';
import { createSweepRegistrationEntity } from '../../domain/inventory/reservations/sweep-registration-entity.ts';
import { registeredTenants } from '../../domain/inventory/reservations/reservation-expiry.ts';
import { forEachConcurrent } from '../../domain/shared/concurrency.ts';
import { platformScope, scoped } from '../../tenants/data-access.ts';
import { logger } from '../middleware/logger.ts';

const platform = platformScope();
const registry = createSweepRegistrationEntity(platform.platformTable, platform.client);
const services = scoped(createStockService);
const TENANTS_IN_FLIGHT = 4;

/** Runs `work` for every registered tenant; `what` names the work in logs and the failure. Returns how many tenants there were. */
export const forEachRegisteredTenant = async (what: string, work: (tenantId: string, service: StockService) => Promise<void>): Promise<number> => {
  const tenants = await registeredTenants(registry);
  const failed: string[] = [];
  await forEachConcurrent(tenants, TENANTS_IN_FLIGHT, async (tenantId) => {
    try {
      await work(tenantId, await services(tenantId));
    } catch (error) {
      failed.push(tenantId);
      logger.error(`Could not ${what}`, { tenantId, error });
    }
  });
  if (failed.length > 0) throw new Error(`Could not ${what} for ${failed.length} tenant(s)`);
  return tenants.length;
};

import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewStore, StoreView } from '../../../domain/stores/schemas.ts';
import { createStore } from '../../../domain/stores/stores.ts';
import { createStoreService } from '../../../domain/stores/store-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { getTenantProfile } from '../../../tenants/tenant-profile.ts';
import { createTenancyService } from '../../../tenants/store.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStoreService);
const tenancies = scoped(createTenancyService);

export const handler = httpHandler({ body: NewStore, idempotency: 'optional', response: StoreView, status: 201 }, async ({ tenant, body }) => {
  const { tenantId } = tenant();
  const { settings, tier } = await getTenantProfile(tenant(), { service: await tenancies(tenantId) });
  return created(await createStore(tenant(), body, { timezone: settings.timezone, tier }, { service: await services(tenantId), clock: systemClock }));
});

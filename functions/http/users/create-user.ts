import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewUser, createUser } from '../../../tenants/users.ts';
import { identityProviderFromEnv } from '../../../tenants/identity/identity-provider.ts';
import { createTenancyService } from '../../../tenants/store.ts';
import { existingStoreIds } from '../../../domain/stores/stores.ts';
import { createStoreService } from '../../../domain/stores/store-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { UserView } from '../../../tenants/views.ts';

const tenancies = scoped(createTenancyService);
const stores = scoped(createStoreService);
const identity = identityProviderFromEnv();

export const handler = httpHandler({ body: NewUser, idempotency: 'optional', response: UserView, status: 201 }, async ({ tenant, body }) => {
  const { tenantId } = tenant();
  const service = await tenancies(tenantId);
  const storeService = await stores(tenantId);
  return created(
    await createUser(tenant(), body, {
      service,
      identity,
      clock: systemClock,
      existingStoreIds: (ids) => existingStoreIds(tenant(), ids, { service: storeService }),
    }),
  );
});

import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewUser, createUser } from '../../../tenants/users.ts';
import { identityProviderFromEnv } from '../../../tenants/identity/identity-provider.ts';
import { createTenancyService } from '../../../tenants/store.ts';
import { existingStoreIds } from '../../../domain/stores/stores.ts';
import { createStoreService } from '../../../domain/stores/store-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';

const service = createTenancyService();
const stores = createStoreService();
const identity = identityProviderFromEnv();

export const handler = httpHandler({ body: NewUser, idempotency: 'optional' }, async ({ tenant, body }) =>
  created(
    await createUser(tenant(), body, {
      service,
      identity,
      clock: systemClock,
      existingStoreIds: (ids) => existingStoreIds(tenant(), ids, { service: stores }),
    }),
  ),
);

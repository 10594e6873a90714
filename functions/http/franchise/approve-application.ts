import { z } from 'zod';
import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { ApplicationApproved, ApplicationPath } from '../../../domain/franchise/schemas.ts';
import { createFranchiseService } from '../../../domain/franchise/franchise-service.ts';
import { createStoreService } from '../../../domain/stores/store-service.ts';
import { cipherFromEnv } from '../../../domain/shared/crypto/cipher-from-env.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { approveApplication } from '../../../tenants/franchise/approve-application.ts';
import { identityProviderFromEnv } from '../../../tenants/identity/identity-provider.ts';
import { createTenancyService } from '../../../tenants/store.ts';
import { scoped } from '../../../tenants/data-access.ts';

const franchises = scoped(createFranchiseService);
const stores = scoped(createStoreService);
const tenancies = scoped(createTenancyService);
const identity = identityProviderFromEnv();
const cipher = cipherFromEnv();

// The body is `{}` (API.md); an absent body is accepted as the same.
const ApprovalBody = z.object({}).strict().optional();

export const handler = httpHandler({ body: ApprovalBody, path: ApplicationPath, response: ApplicationApproved }, async ({ tenant, path }) => {
  const { tenantId } = tenant();
  const [franchise, storeService, tenancy] = await Promise.all([franchises(tenantId), stores(tenantId), tenancies(tenantId)]);
  return ok(await approveApplication(tenant(), path.id, { franchise, stores: storeService, tenancy, identity, cipher, clock: systemClock }));
});

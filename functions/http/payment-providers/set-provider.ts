// PUT /v1/payment-providers/{provider} (HQ): mode and, for live, the merchant's credentials,
// stored encrypted and audited (domain/payments/accounts/provider-accounts.ts).
import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { setProviderAccount } from '../../../domain/payments/accounts/provider-accounts.ts';
import { ProviderAccountChange, ProviderAccountView, ProviderPath } from '../../../domain/payments/accounts/schemas.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { cipherFromEnv } from '../../../domain/shared/crypto/cipher-from-env.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);
const cipher = cipherFromEnv();

export const handler = httpHandler({ path: ProviderPath, body: ProviderAccountChange, response: ProviderAccountView }, async ({ tenant, path, body }) =>
  ok(await setProviderAccount(tenant(), path.provider, body, { service: await services(tenant().tenantId), cipher, clock: systemClock })),
);

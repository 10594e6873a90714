// GET /v1/payment-providers/{provider}/sandbox-credentials (HQ, local cloud only): the chain's
// merchant keys at the provider's sandbox, so a developer can point the provider's own SDK at it.
import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { sandboxCredentials } from '../../../domain/payments/accounts/provider-accounts.ts';
import { ProviderPath, SandboxCredentialsView } from '../../../domain/payments/accounts/schemas.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ path: ProviderPath, response: SandboxCredentialsView }, async ({ tenant, path }) =>
  ok(await sandboxCredentials(tenant(), path.provider, { service: await services(tenant().tenantId) })),
);

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { StorePath } from '../../../domain/catalog/schemas.ts';
import { getStorePriceVersion } from '../../../domain/pricing/store-price-version.ts';
import { createPricingService } from '../../../domain/pricing/pricing-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { StorePriceVersionView } from '../../../domain/pricing/views.ts';

const services = scoped(createPricingService);

export const handler = httpHandler({ path: StorePath, response: StorePriceVersionView }, async ({ tenant, path }) =>
  ok(await getStorePriceVersion(tenant(), path.id, { service: await services(tenant().tenantId) })),
);

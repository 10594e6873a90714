import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { PriceListPath } from '../../../domain/pricing/schemas.ts';
import { getPriceList } from '../../../domain/pricing/price-lists.ts';
import { createPricingService } from '../../../domain/pricing/pricing-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { PriceListView } from '../../../domain/pricing/views.ts';

const services = scoped(createPricingService);

export const handler = httpHandler({ path: PriceListPath, response: PriceListView }, async ({ tenant, path }) =>
  ok(await getPriceList(tenant(), path.id, { service: await services(tenant().tenantId) })),
);

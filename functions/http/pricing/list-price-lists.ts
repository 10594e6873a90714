import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { PriceListQuery } from '../../../domain/pricing/schemas.ts';
import { listPriceLists } from '../../../domain/pricing/price-lists.ts';
import { createPricingService } from '../../../domain/pricing/pricing-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { PriceListPage } from '../../../domain/pricing/views.ts';

const services = scoped(createPricingService);

export const handler = httpHandler({ query: PriceListQuery, response: PriceListPage }, async ({ tenant, query }) =>
  ok(await listPriceLists(tenant(), query, { service: await services(tenant().tenantId) })),
);

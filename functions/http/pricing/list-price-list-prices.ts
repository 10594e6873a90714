import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { PageQuery } from '../../../domain/shared/pagination.ts';
import { PriceListPath } from '../../../domain/pricing/schemas.ts';
import { listPriceListPrices } from '../../../domain/pricing/price-lists.ts';
import { createPricingService } from '../../../domain/pricing/pricing-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { PriceEntryPage } from '../../../domain/pricing/views.ts';

const services = scoped(createPricingService);

export const handler = httpHandler({ query: PageQuery, path: PriceListPath, response: PriceEntryPage }, async ({ tenant, query, path }) =>
  ok(await listPriceListPrices(tenant(), path.id, query, { service: await services(tenant().tenantId) })),
);

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { PriceListPatch, PriceListPath } from '../../../domain/pricing/schemas.ts';
import { updatePriceList } from '../../../domain/pricing/price-list-update.ts';
import { createPricingService } from '../../../domain/pricing/pricing-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { PriceListWrite } from '../../../domain/pricing/views.ts';

const services = scoped(createPricingService);

export const handler = httpHandler({ body: PriceListPatch, path: PriceListPath, response: PriceListWrite }, async ({ tenant, body, path }) =>
  ok(await updatePriceList(tenant(), path.id, body, { service: await services(tenant().tenantId), clock: systemClock })),
);

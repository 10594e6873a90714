import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewPriceList } from '../../../domain/pricing/schemas.ts';
import { createPriceList } from '../../../domain/pricing/price-lists.ts';
import { createPricingService } from '../../../domain/pricing/pricing-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { PriceListWrite } from '../../../domain/pricing/views.ts';

const services = scoped(createPricingService);

export const handler = httpHandler({ body: NewPriceList, idempotency: 'optional', response: PriceListWrite, status: 201 }, async ({ tenant, body }) =>
  created(await createPriceList(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock })),
);

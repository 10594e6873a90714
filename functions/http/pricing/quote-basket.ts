import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { QuoteRequest } from '../../../domain/pricing/schemas.ts';
import { quoteBasket } from '../../../domain/pricing/quote.ts';
import { createPricingService } from '../../../domain/pricing/pricing-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { QuoteView } from '../../../domain/pricing/views.ts';

const services = scoped(createPricingService);

// A quote creates nothing, so it takes no Idempotency-Key: asking twice is asking twice.
export const handler = httpHandler({ body: QuoteRequest, response: QuoteView }, async ({ tenant, body }) =>
  ok(await quoteBasket(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock })),
);

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { ResolveQuery } from '../../../domain/pricing/schemas.ts';
import { resolveStorePrices } from '../../../domain/pricing/resolve.ts';
import { createPricingService } from '../../../domain/pricing/pricing-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { ResolvedPrices } from '../../../domain/pricing/views.ts';

const services = scoped(createPricingService);

// The checkout's price lookup: two rounds of parallel reads however many lists the chain has.
export const handler = httpHandler({ query: ResolveQuery, response: ResolvedPrices }, async ({ tenant, query }) =>
  ok(await resolveStorePrices(tenant(), query, { service: await services(tenant().tenantId), clock: systemClock })),
);

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { StorePath } from '../../../domain/catalog/schemas.ts';
import { Acknowledgement } from '../../../domain/pricing/schemas.ts';
import { acknowledgePriceVersion } from '../../../domain/pricing/store-price-version.ts';
import { createPricingService } from '../../../domain/pricing/pricing-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { StorePriceVersionView } from '../../../domain/pricing/views.ts';

const services = scoped(createPricingService);

export const handler = httpHandler({ body: Acknowledgement, path: StorePath, response: StorePriceVersionView }, async ({ tenant, body, path }) =>
  ok(await acknowledgePriceVersion(tenant(), path.id, body, { service: await services(tenant().tenantId), clock: systemClock })),
);

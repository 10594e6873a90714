import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { AssortmentChange, StorePath } from '../../../domain/catalog/schemas.ts';
import { changeAssortment } from '../../../domain/catalog/assortment.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { AssortmentChangeView } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ body: AssortmentChange, path: StorePath, response: AssortmentChangeView }, async ({ tenant, body, path }) =>
  ok(await changeAssortment(tenant(), path.id, body, { service: await services(tenant().tenantId), clock: systemClock })),
);

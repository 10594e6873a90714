import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewProduct } from '../../../domain/catalog/product-schemas.ts';
import { createProduct } from '../../../domain/catalog/products.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ body: NewProduct, idempotency: 'optional' }, async ({ tenant, body }) =>
  created(await createProduct(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock })),
);

import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewProduct } from '../../../domain/catalog/product-schemas.ts';
import { createProduct } from '../../../domain/catalog/products.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { ProductWrite } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ body: NewProduct, idempotency: 'optional', response: ProductWrite, status: 201 }, async ({ tenant, body }) =>
  created(await createProduct(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock })),
);

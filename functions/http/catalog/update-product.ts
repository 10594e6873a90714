import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { ProductPatch, ProductPath } from '../../../domain/catalog/product-schemas.ts';
import { updateProduct } from '../../../domain/catalog/products.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { ProductWrite } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ body: ProductPatch, path: ProductPath, response: ProductWrite }, async ({ tenant, body, path }) =>
  ok(await updateProduct(tenant(), path.id, body, { service: await services(tenant().tenantId), clock: systemClock })),
);

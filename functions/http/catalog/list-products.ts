import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { ProductListQuery } from '../../../domain/catalog/product-schemas.ts';
import { listProducts } from '../../../domain/catalog/product-list.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { ProductPage } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ query: ProductListQuery, response: ProductPage }, async ({ tenant, query }) =>
  ok(await listProducts(tenant(), query, { service: await services(tenant().tenantId) })),
);

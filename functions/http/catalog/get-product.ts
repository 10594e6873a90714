import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { ProductPath } from '../../../domain/catalog/product-schemas.ts';
import { getProduct } from '../../../domain/catalog/products.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { ProductView } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ path: ProductPath, response: ProductView }, async ({ tenant, path }) => ok(await getProduct(tenant(), path.id, { service: await services(tenant().tenantId) })));

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { SkuQuery } from '../../../domain/catalog/product-schemas.ts';
import { listSkus } from '../../../domain/catalog/skus.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { SkuPage } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

// ?barcode= is the till's scan: one GetItem behind this handler (domain/catalog/skus.ts).
export const handler = httpHandler({ query: SkuQuery, response: SkuPage }, async ({ tenant, query }) => ok(await listSkus(tenant(), query, { service: await services(tenant().tenantId) })));

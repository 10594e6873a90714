import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { PageQuery } from '../../../domain/shared/pagination.ts';
import { StorePath } from '../../../domain/catalog/schemas.ts';
import { getAssortment } from '../../../domain/catalog/assortment.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { SkuPage } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ query: PageQuery, path: StorePath, response: SkuPage }, async ({ tenant, query, path }) =>
  ok(await getAssortment(tenant(), path.id, query, { service: await services(tenant().tenantId) })),
);

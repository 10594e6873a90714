import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { listCategories } from '../../../domain/catalog/categories.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { CategoryPage } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ response: CategoryPage }, async ({ tenant }) => ok(await listCategories(tenant(), { service: await services(tenant().tenantId) })));

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { SkuPath } from '../../../domain/catalog/product-schemas.ts';
import { getSku } from '../../../domain/catalog/sku-updates.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { SkuView } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ path: SkuPath, response: SkuView }, async ({ tenant, path }) => ok(await getSku(tenant(), path.id, { service: await services(tenant().tenantId) })));

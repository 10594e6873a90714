import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { SkuPatch, SkuPath } from '../../../domain/catalog/product-schemas.ts';
import { updateSku } from '../../../domain/catalog/sku-updates.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { SkuWrite } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ body: SkuPatch, path: SkuPath, response: SkuWrite }, async ({ tenant, body, path }) =>
  ok(await updateSku(tenant(), path.id, body, { service: await services(tenant().tenantId), clock: systemClock })),
);

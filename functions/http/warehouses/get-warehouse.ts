import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { WarehousePath } from '../../../domain/catalog/schemas.ts';
import { getWarehouse } from '../../../domain/catalog/warehouses.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { WarehouseView } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ path: WarehousePath, response: WarehouseView }, async ({ tenant, path }) => ok(await getWarehouse(tenant(), path.id, { service: await services(tenant().tenantId) })));

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { WarehouseListQuery } from '../../../domain/catalog/schemas.ts';
import { listWarehouses } from '../../../domain/catalog/warehouses.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { WarehousePage } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ query: WarehouseListQuery, response: WarehousePage }, async ({ tenant, query }) => ok(await listWarehouses(tenant(), query, { service: await services(tenant().tenantId) })));

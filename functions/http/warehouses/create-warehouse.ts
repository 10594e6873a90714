import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewWarehouse } from '../../../domain/catalog/schemas.ts';
import { createWarehouse } from '../../../domain/catalog/warehouses.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { WarehouseView } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ body: NewWarehouse, idempotency: 'optional', response: WarehouseView, status: 201 }, async ({ tenant, body }) =>
  created(await createWarehouse(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock })),
);

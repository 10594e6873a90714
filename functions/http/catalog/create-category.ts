import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewCategory } from '../../../domain/catalog/schemas.ts';
import { createCategory } from '../../../domain/catalog/categories.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { CategoryWrite } from '../../../domain/catalog/views.ts';

const services = scoped(createCatalogService);

export const handler = httpHandler({ body: NewCategory, idempotency: 'optional', response: CategoryWrite, status: 201 }, async ({ tenant, body }) =>
  created(await createCategory(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock })),
);

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { StorePath } from '../../../domain/catalog/schemas.ts';
import { PageQuery } from '../../../domain/shared/pagination.ts';
import { listLevels } from '../../../domain/inventory/replenishment/replenishment-levels.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { LevelPage } from '../../../domain/inventory/replenishment/replenishment-schemas.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ path: StorePath, query: PageQuery, response: LevelPage }, async ({ tenant, path, query }) =>
  ok(await listLevels(tenant(), path.id, query, { service: await services(tenant().tenantId) })),
);

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { StorePath } from '../../../domain/catalog/schemas.ts';
import { LevelsChange, LevelsChangeView } from '../../../domain/inventory/replenishment/replenishment-schemas.ts';
import { setLevels } from '../../../domain/inventory/replenishment/replenishment-levels.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ path: StorePath, body: LevelsChange, response: LevelsChangeView }, async ({ tenant, path, body }) =>
  ok(await setLevels(tenant(), path.id, body, { service: await services(tenant().tenantId), clock: systemClock })),
);

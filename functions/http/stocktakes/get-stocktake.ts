import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { StocktakePath, StocktakeView } from '../../../domain/inventory/stocktakes/stocktake-schemas.ts';
import { getStocktake } from '../../../domain/inventory/stocktakes/stocktakes.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ path: StocktakePath, response: StocktakeView }, async ({ tenant, path }) => ok(await getStocktake(tenant(), path.id, { service: await services(tenant().tenantId) })));

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { StocktakeListQuery, StocktakePage } from '../../../domain/inventory/stocktakes/stocktake-schemas.ts';
import { listStocktakes } from '../../../domain/inventory/stocktakes/stocktakes.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ query: StocktakeListQuery, response: StocktakePage }, async ({ tenant, query }) => ok(await listStocktakes(tenant(), query, { service: await services(tenant().tenantId) })));

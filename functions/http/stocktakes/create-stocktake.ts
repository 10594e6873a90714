import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewStocktake, StocktakeView } from '../../../domain/inventory/stocktakes/stocktake-schemas.ts';
import { postStocktake } from '../../../domain/inventory/stocktakes/stocktakes.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: NewStocktake, idempotency: 'optional', response: StocktakeView, status: 201 }, async ({ tenant, body, idFor }) =>
  created(await postStocktake(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock }, await idFor('stocktake'))),
);

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { StorePath } from '../../../domain/catalog/schemas.ts';
import { SuggestionPage, SuggestionQuery } from '../../../domain/inventory/replenishment/replenishment-schemas.ts';
import { suggestReplenishment } from '../../../domain/inventory/replenishment/replenishment-suggestions.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ path: StorePath, query: SuggestionQuery, response: SuggestionPage }, async ({ tenant, path, query }) =>
  ok(await suggestReplenishment(tenant(), path.id, query, { service: await services(tenant().tenantId), clock: systemClock })),
);

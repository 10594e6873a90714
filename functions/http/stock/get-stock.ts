import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { StockLevelPage, StockQuery } from '../../../domain/inventory/schemas.ts';
import { getStock } from '../../../domain/inventory/ledger/levels.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ query: StockQuery, response: StockLevelPage }, async ({ tenant, query }) => ok(await getStock(tenant(), query, { service: await services(tenant().tenantId) })));

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { FulfilmentQuery } from '../../../domain/fulfilment/schemas.ts';
import { listFulfilments } from '../../../domain/fulfilment/fulfilments.ts';
import { FulfilmentPage } from '../../../domain/fulfilment/views.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ query: FulfilmentQuery, response: FulfilmentPage }, async ({ tenant, query }) => ok(await listFulfilments(tenant(), query, { service: await services(tenant().tenantId) })));

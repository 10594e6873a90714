import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { MovementQuery } from '../../../domain/inventory/schemas.ts';
import { listMovements } from '../../../domain/inventory/ledger/movements.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { MovementPage } from '../../../domain/inventory/ledger/movement-view.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ query: MovementQuery, response: MovementPage }, async ({ tenant, query }) => ok(await listMovements(tenant(), query, { service: await services(tenant().tenantId) })));

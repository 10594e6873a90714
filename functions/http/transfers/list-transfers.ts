import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { TransferListQuery } from '../../../domain/inventory/transfers/transfer-schemas.ts';
import { listTransfers } from '../../../domain/inventory/transfers/transfer-reads.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { TransferPage } from '../../../domain/inventory/transfers/transfer-view.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ query: TransferListQuery, response: TransferPage }, async ({ tenant, query }) => ok(await listTransfers(tenant(), query, { service: await services(tenant().tenantId) })));

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { TransferPath } from '../../../domain/inventory/transfers/transfer-schemas.ts';
import { getTransfer } from '../../../domain/inventory/transfers/transfer-reads.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { TransferView } from '../../../domain/inventory/transfers/transfer-view.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ path: TransferPath, response: TransferView }, async ({ tenant, path }) => ok(await getTransfer(tenant(), path.id, { service: await services(tenant().tenantId) })));

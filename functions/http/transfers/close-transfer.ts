import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { TransferClosure, TransferPath } from '../../../domain/inventory/transfers/transfer-schemas.ts';
import { closeTransfer } from '../../../domain/inventory/transfers/transfer-receive.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { TransferView } from '../../../domain/inventory/transfers/transfer-view.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: TransferClosure, path: TransferPath, idempotency: 'optional', response: TransferView }, async ({ tenant, body, path }) =>
  ok(await closeTransfer(tenant(), path.id, body, { service: await services(tenant().tenantId), clock: systemClock })),
);

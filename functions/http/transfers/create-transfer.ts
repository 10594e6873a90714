import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewTransfer } from '../../../domain/inventory/transfers/transfer-schemas.ts';
import { createTransfer } from '../../../domain/inventory/transfers/transfer-ship.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { TransferView } from '../../../domain/inventory/transfers/transfer-view.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: NewTransfer, idempotency: 'optional', response: TransferView, status: 201 }, async ({ tenant, body, idFor }) =>
  created(await createTransfer(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock }, await idFor('transfer'))),
);

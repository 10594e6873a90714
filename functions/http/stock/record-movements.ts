import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewMovements, PostingView } from '../../../domain/inventory/schemas.ts';
import { recordMovements } from '../../../domain/inventory/ledger/movements.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: NewMovements, idempotency: 'optional', response: PostingView, status: 201 }, async ({ tenant, body, idFor }) =>
  created(await recordMovements(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock }, await idFor('posting'))),
);

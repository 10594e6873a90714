import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { SalesBatch } from '../../../domain/orders/offline/schemas.ts';
import { syncSales } from '../../../domain/orders/offline/sync-sales.ts';
import { SalesSyncView } from '../../../domain/orders/offline/views.ts';
import { createOrderServices } from '../../../domain/orders/order-deps.ts';
import { createTerminalService } from '../../../domain/terminals/terminal-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped((scope) => ({ ...createOrderServices(scope), terminals: createTerminalService(scope) }));

// Every sale is recorded once by its own id, so a resent batch needs no Idempotency-Key; one given is honoured.
export const handler = httpHandler({ body: SalesBatch, idempotency: 'optional', response: SalesSyncView }, async ({ tenant, body }) =>
  ok(await syncSales(tenant(), body, { ...(await services(tenant().tenantId)), clock: systemClock })),
);

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { Consumption, ReservationPath } from '../../../domain/inventory/schemas.ts';
import { consumeStock } from '../../../domain/inventory/reservations/reservations.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { ConsumedReservationView } from '../../../domain/inventory/reservations/reservation-view.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: Consumption, path: ReservationPath, response: ConsumedReservationView }, async ({ tenant, body, path }) =>
  ok(await consumeStock(tenant(), path.id, body, { service: await services(tenant().tenantId), clock: systemClock })),
);

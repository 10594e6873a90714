import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewReservation } from '../../../domain/inventory/schemas.ts';
import { reserveStock } from '../../../domain/inventory/reservations/reservations.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { ReservationView } from '../../../domain/inventory/reservations/reservation-view.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: NewReservation, idempotency: 'optional', response: ReservationView, status: 201 }, async ({ tenant, body, idFor }) =>
  created(await reserveStock(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock }, await idFor('reservation'))),
);

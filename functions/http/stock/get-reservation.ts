import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { ReservationPath } from '../../../domain/inventory/schemas.ts';
import { getReservation } from '../../../domain/inventory/reservations/reservations.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { ReservationView } from '../../../domain/inventory/reservations/reservation-view.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ path: ReservationPath, response: ReservationView }, async ({ tenant, path }) => ok(await getReservation(tenant(), path.id, { service: await services(tenant().tenantId) })));

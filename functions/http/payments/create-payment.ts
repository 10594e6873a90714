import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewPayment, PaymentView } from '../../../domain/payments/schemas.ts';
import { createPayment } from '../../../domain/payments/payments.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: NewPayment, idempotency: 'required', response: PaymentView, status: 201 }, async ({ tenant, body, idFor }) =>
  created(await createPayment(tenant(), body, await idFor('payment'), { service: await services(tenant().tenantId), clock: systemClock })),
);

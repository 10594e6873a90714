import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { PaymentPath, PaymentView } from '../../../domain/payments/schemas.ts';
import { getPayment } from '../../../domain/payments/payments.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ path: PaymentPath, response: PaymentView }, async ({ tenant, path }) => ok(await getPayment(tenant(), path.id, { service: await services(tenant().tenantId) })));

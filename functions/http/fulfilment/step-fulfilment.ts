import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { FulfilmentStep, FulfilmentStepPath } from '../../../domain/fulfilment/schemas.ts';
import { stepFulfilment } from '../../../domain/fulfilment/fulfilments.ts';
import { FulfilmentView } from '../../../domain/fulfilment/views.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: FulfilmentStep, path: FulfilmentStepPath, response: FulfilmentView }, async ({ tenant, body, path }) =>
  ok(await stepFulfilment(tenant(), path.id, path.action, body, { service: await services(tenant().tenantId), clock: systemClock })),
);

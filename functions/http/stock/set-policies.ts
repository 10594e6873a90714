import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { PolicyChange, PolicyChangeView } from '../../../domain/inventory/schemas.ts';
import { setPolicies } from '../../../domain/inventory/ledger/policies.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ body: PolicyChange, response: PolicyChangeView }, async ({ tenant, body }) =>
  ok(await setPolicies(tenant(), body, { service: await services(tenant().tenantId), clock: systemClock })),
);

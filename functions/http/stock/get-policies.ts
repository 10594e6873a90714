import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { PoliciesView, PolicyQuery } from '../../../domain/inventory/schemas.ts';
import { getPolicies } from '../../../domain/inventory/ledger/policies.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ query: PolicyQuery, response: PoliciesView }, async ({ tenant, query }) => ok(await getPolicies(tenant(), query, { service: await services(tenant().tenantId) })));

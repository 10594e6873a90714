// GET /v1/payment-providers (HQ): every wallet provider's mode, merchant id and status.
import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { listProviderAccounts } from '../../../domain/payments/accounts/provider-accounts.ts';
import { ProviderAccountList } from '../../../domain/payments/accounts/schemas.ts';
import { createStockService } from '../../../domain/inventory/stock-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createStockService);

export const handler = httpHandler({ response: ProviderAccountList }, async ({ tenant }) => ok({ data: await listProviderAccounts(tenant(), { service: await services(tenant().tenantId) }) }));

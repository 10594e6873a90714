// The services an order handler needs for a tenant: the stock service (orders, payments and tasks
// commit with its postings) and the pricing service (the engine prices every line).
import type { DataScope } from '../shared/data-scope.ts';
import { createStockService } from '../inventory/stock-service.ts';
import { createPricingService } from '../pricing/pricing-service.ts';

export const createOrderServices = (scope: DataScope) => ({ service: createStockService(scope), pricing: createPricingService(scope) });

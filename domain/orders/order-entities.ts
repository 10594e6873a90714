// The entities the orders, payments and fulfilment contexts add to the stock service, so an order,
// its payment, its fulfilment task and the ledger posting of its sale commit in one transaction
// (postStock's `extra` items). The tenant item is read for its order settings.
import type { DocumentClient } from '../shared/data-scope.ts';
import { createTenantEntity } from '../../tenants/entities/tenant.ts';
import { createOrderEntity } from './order-entity.ts';
import { createOrderNumberEntity } from './order-number-entity.ts';
import { createOrderReturnEntity } from './return-entity.ts';
import { createPaymentEntity } from '../payments/payment-entity.ts';
import { createRefundEntity } from '../payments/refund-entity.ts';
import { createProviderAccountEntity } from '../payments/accounts/provider-account-entity.ts';
import { createFulfilmentEntity } from '../fulfilment/fulfilment-entity.ts';
import { createPosSyncEntities } from './offline/sync-entities.ts';

export const createOrderEntities = (table: string, client: DocumentClient) => ({
  order: createOrderEntity(table, client),
  orderNumber: createOrderNumberEntity(table, client),
  orderReturn: createOrderReturnEntity(table, client),
  payment: createPaymentEntity(table, client),
  refund: createRefundEntity(table, client),
  paymentProviderAccount: createProviderAccountEntity(table, client),
  fulfilment: createFulfilmentEntity(table, client),
  tenant: createTenantEntity(table, client),
  ...createPosSyncEntities(table, client),
});

// The stock context's entities as one ElectroDB service, so movements, level changes, postings,
// reservations, audit entries and outbox events commit in one transaction. Stores, warehouses and
// SKUs are read to check what a request names. Orders, payments and fulfilment tasks commit with the
// postings of their sales and restocks, so their entities are here too (orders/order-entities.ts).
import { Service } from 'electrodb';
import type { DataScope } from '../shared/data-scope.ts';
import { createAuditEntryEntity } from '../audit/audit-entry-entity.ts';
import { createOutboxEventEntity } from '../shared/events/outbox-event.ts';
import { createStoreEntity } from '../stores/store-entity.ts';
import { createWarehouseEntity } from '../catalog/warehouse-entity.ts';
import { createSkuEntity } from '../catalog/sku-entity.ts';
import { createStockLevelEntity } from './ledger/stock-level-entity.ts';
import { createStockMovementEntity } from './ledger/stock-movement-entity.ts';
import { createStockPostingEntity } from './ledger/stock-posting-entity.ts';
import { createStockPolicyEntity } from './ledger/stock-policy-entity.ts';
import { createReservationEntity } from './reservations/reservation-entity.ts';
import { createSweepRegistrationEntity } from './reservations/sweep-registration-entity.ts';
import { createTransferEntities } from './transfer-entities.ts';
import { createShardEntities } from './shards/shard-entities.ts';
import { createOrderEntities } from '../orders/order-entities.ts';

export const createStockService = ({ tenantTable, platformTable, client }: DataScope) =>
  new Service(
    {
      stockLevel: createStockLevelEntity(tenantTable, client),
      stockMovement: createStockMovementEntity(tenantTable, client),
      stockPosting: createStockPostingEntity(tenantTable, client),
      stockPolicy: createStockPolicyEntity(tenantTable, client),
      reservation: createReservationEntity(tenantTable, client),
      store: createStoreEntity(tenantTable, client),
      warehouse: createWarehouseEntity(tenantTable, client),
      sku: createSkuEntity(tenantTable, client),
      auditEntry: createAuditEntryEntity(tenantTable, client),
      outboxEvent: createOutboxEventEntity(tenantTable, client),
      // In the shared table whatever the tenant's tier; written with the tenant's first reservation.
      sweepRegistration: createSweepRegistrationEntity(platformTable, client),
      ...createTransferEntities(tenantTable, client),
      ...createShardEntities(tenantTable, client),
      ...createOrderEntities(tenantTable, client),
    },
    { client },
  );

export type StockService = ReturnType<typeof createStockService>;

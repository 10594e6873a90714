// The pricing context's entities as one ElectroDB service, so a price list change, its prices,
// the price sequence, the change record, its audit entry and the prices.changed event commit in
// one transaction. Stores, regions, SKUs and categories are read to check scopes and lines.
import { Service } from 'electrodb';
import type { DataScope } from '../shared/data-scope.ts';
import { createAuditEntryEntity } from '../audit/audit-entry-entity.ts';
import { createOutboxEventEntity } from '../shared/events/outbox-event.ts';
import { createRegionEntity } from '../stores/region-entity.ts';
import { createStoreEntity } from '../stores/store-entity.ts';
import { createSkuEntity } from '../catalog/sku-entity.ts';
import { createCategoryEntity } from '../catalog/category-entity.ts';
import { createPriceListEntity } from './price-list-entity.ts';
import { createPriceEntryEntity } from './price-entry-entity.ts';
import { createLivePriceListEntity } from './live-price-list-entity.ts';
import { createPriceSequenceEntity } from './price-sequence-entity.ts';
import { createPriceChangeEntity } from './price-change-entity.ts';
import { createStorePriceVersionEntity } from './store-price-version-entity.ts';

export const createPricingService = ({ tenantTable, client }: DataScope) =>
  new Service(
    {
      priceList: createPriceListEntity(tenantTable, client),
      priceEntry: createPriceEntryEntity(tenantTable, client),
      livePriceList: createLivePriceListEntity(tenantTable, client),
      priceSequence: createPriceSequenceEntity(tenantTable, client),
      priceChange: createPriceChangeEntity(tenantTable, client),
      storePriceVersion: createStorePriceVersionEntity(tenantTable, client),
      store: createStoreEntity(tenantTable, client),
      region: createRegionEntity(tenantTable, client),
      sku: createSkuEntity(tenantTable, client),
      category: createCategoryEntity(tenantTable, client),
      auditEntry: createAuditEntryEntity(tenantTable, client),
      outboxEvent: createOutboxEventEntity(tenantTable, client),
    },
    // All of this context's items are the tenant's own.
    { client },
  );

export type PricingService = ReturnType<typeof createPricingService>;

// The catalog context's entities as one ElectroDB service, so a change, its audit entry, the
// catalog version and the catalog.changed event are written in one transaction. Stores and
// regions are read here to check assortments, warehouses and locations.
import { Service } from 'electrodb';
import type { DataScope } from '../shared/data-scope.ts';
import { createAuditEntryEntity } from '../audit/audit-entry-entity.ts';
import { createOutboxEventEntity } from '../shared/events/outbox-event.ts';
import { createJobEntity } from '../jobs/job-entity.ts';
import { createJobMarkEntity } from '../jobs/job-mark-entity.ts';
import { createRegionEntity } from '../stores/region-entity.ts';
import { createStoreEntity } from '../stores/store-entity.ts';
import { createProductEntity } from './product-entity.ts';
import { createSkuEntity } from './sku-entity.ts';
import { createSkuCodeEntity } from './sku-code-entity.ts';
import { createSkuBarcodeEntity } from './sku-barcode-entity.ts';
import { createCategoryEntity } from './category-entity.ts';
import { createCategoryNameEntity } from './category-name-entity.ts';
import { createCatalogVersionEntity } from './catalog-version-entity.ts';
import { createAssortmentEntity } from './assortment-entity.ts';
import { createWarehouseEntity } from './warehouse-entity.ts';
import { createWarehouseCodeEntity } from './warehouse-code-entity.ts';

export const createCatalogService = ({ tenantTable, client }: DataScope) =>
  new Service(
    {
      product: createProductEntity(tenantTable, client),
      sku: createSkuEntity(tenantTable, client),
      skuCode: createSkuCodeEntity(tenantTable, client),
      skuBarcode: createSkuBarcodeEntity(tenantTable, client),
      category: createCategoryEntity(tenantTable, client),
      categoryName: createCategoryNameEntity(tenantTable, client),
      catalogVersion: createCatalogVersionEntity(tenantTable, client),
      assortment: createAssortmentEntity(tenantTable, client),
      warehouse: createWarehouseEntity(tenantTable, client),
      warehouseCode: createWarehouseCodeEntity(tenantTable, client),
      region: createRegionEntity(tenantTable, client),
      store: createStoreEntity(tenantTable, client),
      auditEntry: createAuditEntryEntity(tenantTable, client),
      outboxEvent: createOutboxEventEntity(tenantTable, client),
      job: createJobEntity(tenantTable, client),
      jobMark: createJobMarkEntity(tenantTable, client),
    },
    // All of this context's items are the tenant's own.
    { client },
  );

export type CatalogService = ReturnType<typeof createCatalogService>;

// The channels context's entities as one ElectroDB service, so a listing and its audit entry, or a
// stock call's two limiter items, commit in one transaction. Stores and SKUs are read to map what a
// platform names (its store and SKU codes) to ours, by the code items that keep those codes unique.
import { Service } from 'electrodb';
import type { DataScope } from '../shared/data-scope.ts';
import { createAuditEntryEntity } from '../audit/audit-entry-entity.ts';
import { createStoreEntity } from '../stores/store-entity.ts';
import { createStoreCodeEntity } from '../stores/store-code-entity.ts';
import { createSkuEntity } from '../catalog/sku-entity.ts';
import { createSkuCodeEntity } from '../catalog/sku-code-entity.ts';
import { createSkuBarcodeEntity } from '../catalog/sku-barcode-entity.ts';
import { createChannelAccountEntity } from './entities/channel-account-entity.ts';
import { createChannelAppEntity } from './entities/channel-app-entity.ts';
import { createChannelStoreEntity } from './entities/channel-store-entity.ts';
import { createChannelSkuEntity } from './entities/channel-sku-entity.ts';
import { createChannelOrderEntity } from './entities/channel-order-entity.ts';
import { createChannelStockSyncEntity } from './entities/channel-stock-sync-entity.ts';
import { createChannelRateEntity } from './entities/channel-rate-entity.ts';

export const createChannelService = ({ tenantTable, platformTable, client }: DataScope) =>
  new Service(
    {
      channelAccount: createChannelAccountEntity(tenantTable, client),
      channelApp: createChannelAppEntity(platformTable, client),
      channelStore: createChannelStoreEntity(tenantTable, client),
      channelSku: createChannelSkuEntity(tenantTable, client),
      channelOrder: createChannelOrderEntity(tenantTable, client),
      channelStockSync: createChannelStockSyncEntity(tenantTable, client),
      channelRate: createChannelRateEntity(tenantTable, client),
      auditEntry: createAuditEntryEntity(tenantTable, client),
      store: createStoreEntity(tenantTable, client),
      storeCode: createStoreCodeEntity(tenantTable, client),
      sku: createSkuEntity(tenantTable, client),
      skuCode: createSkuCodeEntity(tenantTable, client),
      skuBarcode: createSkuBarcodeEntity(tenantTable, client),
    },
    // No service-wide table: the app directory lives in the shared table, the rest in the tenant's.
    { client },
  );

export type ChannelService = ReturnType<typeof createChannelService>;

// The stores context's entities as one ElectroDB service, so a change and its audit entry are
// written in one transaction.
import { Service } from 'electrodb';
import type { DataScope } from '../shared/data-scope.ts';
import { createRegionEntity } from './region-entity.ts';
import { createStoreEntity } from './store-entity.ts';
import { createStoreCodeEntity } from './store-code-entity.ts';
import { createStoreCountEntity } from './store-count-entity.ts';
import { createAuditEntryEntity } from '../audit/audit-entry-entity.ts';
import { createJobEntity } from '../jobs/job-entity.ts';
import { createJobMarkEntity } from '../jobs/job-mark-entity.ts';

export const createStoreService = ({ tenantTable, client }: DataScope) =>
  new Service(
    {
      region: createRegionEntity(tenantTable, client),
      store: createStoreEntity(tenantTable, client),
      storeCode: createStoreCodeEntity(tenantTable, client),
      storeCount: createStoreCountEntity(tenantTable, client),
      auditEntry: createAuditEntryEntity(tenantTable, client),
      job: createJobEntity(tenantTable, client),
      jobMark: createJobMarkEntity(tenantTable, client),
    },
    // All of this context's items are the tenant's own.
    { client },
  );

export type StoreService = ReturnType<typeof createStoreService>;

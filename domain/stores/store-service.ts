// The stores context's entities as one ElectroDB service, so a change and its audit entry are
// written in one transaction.
import { Service } from 'electrodb';
import { documentClient } from '../shared/dynamo.ts';
import { boundTable } from '../shared/bindings.ts';
import { createRegionEntity } from './region-entity.ts';
import { createStoreEntity } from './store-entity.ts';
import { createStoreCodeEntity } from './store-code-entity.ts';
import { createAuditEntryEntity } from '../audit/audit-entry-entity.ts';
import { createJobEntity } from '../jobs/job-entity.ts';
import { createJobMarkEntity } from '../jobs/job-mark-entity.ts';

export const createStoreService = (table = boundTable('main')) =>
  new Service(
    {
      region: createRegionEntity(table),
      store: createStoreEntity(table),
      storeCode: createStoreCodeEntity(table),
      auditEntry: createAuditEntryEntity(table),
      job: createJobEntity(table),
      jobMark: createJobMarkEntity(table),
    },
    { table, client: documentClient },
  );

export type StoreService = ReturnType<typeof createStoreService>;

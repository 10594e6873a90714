// The terminals context's entities as one ElectroDB service, so a registration, its code, the
// quota counter and the audit entry commit in one transaction.
import { Service } from 'electrodb';
import type { DataScope } from '../shared/data-scope.ts';
import { createAuditEntryEntity } from '../audit/audit-entry-entity.ts';
import { createStoreEntity } from '../stores/store-entity.ts';
import { createProvisioningCodeEntity } from './provisioning-code-entity.ts';
import { createTerminalEntity } from './terminal-entity.ts';
import { createTerminalSerialEntity } from './terminal-serial-entity.ts';
import { createTerminalCountEntity } from './terminal-count-entity.ts';
import { createTerminalDirectoryEntity } from './terminal-directory-entity.ts';

export const createTerminalService = ({ tenantTable, platformTable, client }: DataScope) =>
  new Service(
    {
      provisioningCode: createProvisioningCodeEntity(platformTable, client),
      terminalDirectory: createTerminalDirectoryEntity(platformTable, client),
      terminal: createTerminalEntity(tenantTable, client),
      terminalSerial: createTerminalSerialEntity(tenantTable, client),
      terminalCount: createTerminalCountEntity(tenantTable, client),
      store: createStoreEntity(tenantTable, client),
      auditEntry: createAuditEntryEntity(tenantTable, client),
    },
    // No service-wide table: code and thing lookups live in the shared table, the rest in the tenant's.
    { client },
  );

export type TerminalService = ReturnType<typeof createTerminalService>;

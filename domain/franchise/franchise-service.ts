// The franchise context's entities as one ElectroDB service, so a change and its audit entry are
// written in one transaction. Regions are read here to check an application's region.
import { Service } from 'electrodb';
import { documentClient } from '../shared/dynamo.ts';
import { boundTable } from '../shared/bindings.ts';
import { createAuditEntryEntity } from '../audit/audit-entry-entity.ts';
import { createRegionEntity } from '../stores/region-entity.ts';
import { createInvitationEntity } from './invitation-entity.ts';
import { createInvitationCodeEntity } from './invitation-code-entity.ts';
import { createApplicationEntity } from './application-entity.ts';
import { createApplicationAttemptsEntity } from './application-attempts-entity.ts';
import { createSettlementProfileEntity } from './settlement-profile-entity.ts';

export const createFranchiseService = (table = boundTable('main')) =>
  new Service(
    {
      invitation: createInvitationEntity(table),
      invitationCode: createInvitationCodeEntity(table),
      application: createApplicationEntity(table),
      applicationAttempts: createApplicationAttemptsEntity(table),
      settlementProfile: createSettlementProfileEntity(table),
      region: createRegionEntity(table),
      auditEntry: createAuditEntryEntity(table),
    },
    { table, client: documentClient },
  );

export type FranchiseService = ReturnType<typeof createFranchiseService>;

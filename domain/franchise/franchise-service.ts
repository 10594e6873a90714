// The franchise context's entities as one ElectroDB service, so a change and its audit entry are
// written in one transaction. Regions are read here to check an application's region.
import { Service } from 'electrodb';
import type { DataScope } from '../shared/data-scope.ts';
import { createAuditEntryEntity } from '../audit/audit-entry-entity.ts';
import { createRegionEntity } from '../stores/region-entity.ts';
import { createInvitationEntity } from './invitation-entity.ts';
import { createInvitationCodeEntity } from './invitation-code-entity.ts';
import { createApplicationEntity } from './application-entity.ts';
import { createApplicationAttemptsEntity } from './application-attempts-entity.ts';
import { createSettlementProfileEntity } from './settlement-profile-entity.ts';
import { createApprovalClaimEntity } from './approval-claim-entity.ts';

export const createFranchiseService = ({ tenantTable, platformTable, client }: DataScope) =>
  new Service(
    {
      invitation: createInvitationEntity(tenantTable, client),
      invitationCode: createInvitationCodeEntity(platformTable, client),
      application: createApplicationEntity(tenantTable, client),
      applicationAttempts: createApplicationAttemptsEntity(platformTable, client),
      settlementProfile: createSettlementProfileEntity(tenantTable, client),
      approvalClaim: createApprovalClaimEntity(platformTable, client),
      region: createRegionEntity(tenantTable, client),
      auditEntry: createAuditEntryEntity(tenantTable, client),
    },
    // No service-wide table: directory entities live in the shared table, the rest in the tenant's.
    { client },
  );

export type FranchiseService = ReturnType<typeof createFranchiseService>;

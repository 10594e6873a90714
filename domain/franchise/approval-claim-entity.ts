// While an approval runs, its application holds a claim: an item in the shared table whose index
// key is common to every tenant, so one query finds approvals that stalled anywhere (a function
// that died between steps leaves its claim behind). The partition key starts with the tenant id,
// so the tenant's own vended credentials write and delete it; the claim holds ids and a time,
// nothing of the applicant, which is why a silo tenant's claims may live in the shared table too.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createApprovalClaimEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'franchiseApprovalClaim', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        applicationId: { type: 'string', required: true, readOnly: true },
        claimedAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byApplication: {
          pk: { field: 'pk', composite: ['tenantId', 'applicationId'], template: '${tenantId}#application#${applicationId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'approval-claim', casing: 'none' },
        },
        // Oldest first across the platform: the recovery job reads only the stalled head.
        byClaimedAt: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [], template: 'platform#approval-claims', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['claimedAt', 'tenantId', 'applicationId'], template: '${claimedAt}#${tenantId}#${applicationId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ApprovalClaim = EntityItem<ReturnType<typeof createApprovalClaimEntity>>;

// A franchisee's application, submitted with an invitation code and decided by HQ. Secrets are
// kept encrypted (domain/shared/crypto): the account number for the settlement profile, and the
// applicant's password, which the identity provider needs in clear to create the login at
// approval (Cognito takes the password itself, not a hash). The password ciphertext is removed
// when the application is decided, so it lives only as long as it is needed.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';
import { APPLICATION_STATUSES } from './application-state.ts';

export const createApplicationEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'franchiseApplication', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        applicationId: { type: 'string', required: true, readOnly: true },
        invitationId: { type: 'string', required: true, readOnly: true },
        status: { type: APPLICATION_STATUSES, required: true },
        applicant: {
          type: 'map',
          required: true,
          readOnly: true,
          properties: {
            legalName: { type: 'string', required: true },
            licenseNo: { type: 'string', required: true },
            contactName: { type: 'string', required: true },
            phone: { type: 'string', required: true },
            email: { type: 'string', required: true },
          },
        },
        passwordCipher: { type: 'string' },
        store: {
          type: 'map',
          required: true,
          readOnly: true,
          properties: { name: { type: 'string', required: true }, address: { type: 'string', required: true } },
        },
        regionId: { type: 'string', required: true, readOnly: true },
        settlementAccount: {
          type: 'map',
          required: true,
          readOnly: true,
          properties: {
            bankName: { type: 'string', required: true },
            accountName: { type: 'string', required: true },
            accountNoCipher: { type: 'string', required: true },
            accountNoLast4: { type: 'string', required: true },
          },
        },
        submittedAt: { type: 'string', required: true, readOnly: true },
        decidedAt: { type: 'string' },
        decidedBy: { type: 'string' },
        rejectionReason: { type: 'string' },
        storeId: { type: 'string' },
        userId: { type: 'string' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'applicationId'], template: '${tenantId}#application#${applicationId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'application', casing: 'none' },
        },
        // Grouped by status (HQ works the `submitted` queue), oldest first within a status.
        byStatus: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId'], template: '${tenantId}#applications', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['status', 'applicationId'], template: '${status}#${applicationId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ApplicationItem = EntityItem<ReturnType<typeof createApplicationEntity>>;

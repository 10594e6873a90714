// Code hash -> (tenant, store), and whether the code is spent. A platform-level key like
// `platform#invitation#`: the terminal presenting the code is not yet anyone's, so its tenant is
// found from the code. The item holds only the hash; the TTL removes it a day after expiry.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createProvisioningCodeEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'provisioningCode', version: '1', service: 'storefleet' },
      attributes: {
        codeHash: { type: 'string', required: true, readOnly: true },
        tenantId: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        issuedBy: { type: 'string', required: true, readOnly: true },
        issuedByRole: { type: 'string', required: true, readOnly: true },
        issuedAt: { type: 'string', required: true, readOnly: true },
        validUntil: { type: 'string', required: true, readOnly: true },
        status: { type: ['open', 'used'] as const, required: true },
        /** Set when a terminal registers with the code; a retry by the same terminal finds them. */
        usedAt: { type: 'string' },
        thingName: { type: 'string' },
        serialNumber: { type: 'string' },
        /** Epoch seconds; the table's TTL. */
        expiresAt: { type: 'number', required: true, readOnly: true },
      },
      indexes: {
        byHash: {
          pk: { field: 'pk', composite: ['codeHash'], template: 'platform#provisioning-code#${codeHash}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'code', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ProvisioningCodeEntity = ReturnType<typeof createProvisioningCodeEntity>;

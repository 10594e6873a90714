// Where a franchised store's share is paid, and the royalty HQ keeps. Kept in the store's own
// partition (one per store). The account number is encrypted; its last four digits are kept
// apart so every view can show `****1234` without decrypting anything.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createSettlementProfileEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'settlementProfile', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        profileId: { type: 'string', required: true, readOnly: true },
        accountName: { type: 'string', required: true },
        bankName: { type: 'string', required: true },
        accountNoCipher: { type: 'string', required: true },
        accountNoLast4: { type: 'string', required: true },
        /** Basis points of net sales; copied from the tenant's settings when the store is onboarded. */
        royaltyRateBps: { type: 'number', required: true },
        applicationId: { type: 'string', readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byStore: {
          pk: { field: 'pk', composite: ['tenantId', 'storeId'], template: '${tenantId}#store#${storeId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'settlementProfile', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type SettlementProfileItem = EntityItem<ReturnType<typeof createSettlementProfileEntity>>;

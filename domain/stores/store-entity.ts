// A store of the chain, owned by HQ (`direct`) or a franchisee (`franchise`). Listed per tenant by
// store code, the order HQ staff think in.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const OWNERSHIPS = ['direct', 'franchise'] as const;
export const STORE_STATUSES = ['active', 'closed'] as const;

export const createStoreEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'store', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        code: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        regionId: { type: 'string', required: true },
        ownership: { type: OWNERSHIPS, required: true },
        address: { type: 'string', required: true },
        timezone: { type: 'string', required: true },
        status: { type: STORE_STATUSES, required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'storeId'], template: '${tenantId}#store#${storeId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'store', casing: 'none' },
        },
        byCode: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId'], template: '${tenantId}#stores', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['code'], template: '${code}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type StoreEntity = ReturnType<typeof createStoreEntity>;
export type StoreItem = EntityItem<StoreEntity>;

// The min/max a store keeps of one SKU (its replenishment levels): `min` is the least stock the
// store wants on the shelf, `max` what the shelf holds. One partition per store, read a page of
// SKUs at a time by the suggestion. Not the ledger's stock policy (safety stock, low threshold):
// those guard selling, these drive ordering.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';

export const createReplenishmentLevelEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'replenishmentLevel', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        skuId: { type: 'string', required: true, readOnly: true },
        min: { type: 'number', required: true },
        max: { type: 'number', required: true },
        updatedAt: { type: 'string', required: true },
        updatedBy: { type: 'string', required: true },
      },
      indexes: {
        byStore: {
          pk: { field: 'pk', composite: ['tenantId', 'storeId'], template: '${tenantId}#replenishmentLevel#${storeId}', casing: 'none' },
          sk: { field: 'sk', composite: ['skuId'], template: '${skuId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ReplenishmentLevelEntity = ReturnType<typeof createReplenishmentLevelEntity>;
export type ReplenishmentLevelItem = EntityItem<ReplenishmentLevelEntity>;

// Stock policy of a location: its defaults (scope `default`) and per-SKU overrides (scope = the
// SKU id). `safetyStock` is what online and delivery orders leave on the shelf for walk-in
// customers; `lowThreshold` is the free quantity at or under which a SKU counts as low.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';

export const DEFAULT_POLICY_SCOPE = 'default';

export const createStockPolicyEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'stockPolicy', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        locationId: { type: 'string', required: true, readOnly: true },
        scope: { type: 'string', required: true, readOnly: true },
        safetyStock: { type: 'number' },
        lowThreshold: { type: 'number' },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byLocation: {
          pk: { field: 'pk', composite: ['tenantId', 'locationId'], template: '${tenantId}#stockPolicy#${locationId}', casing: 'none' },
          sk: { field: 'sk', composite: ['scope'], template: '${scope}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type StockPolicyEntity = ReturnType<typeof createStockPolicyEntity>;
export type StockPolicyItem = EntityItem<StockPolicyEntity>;

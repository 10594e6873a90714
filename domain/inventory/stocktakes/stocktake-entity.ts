// A stocktake (盘点): what was counted at a location, what the ledger expected at posting time
// and the difference posted as stocktake_variance movements in the same transaction. Never
// changed after it is written.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';

export const createStocktakeEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'stocktake', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        stocktakeId: { type: 'string', required: true, readOnly: true },
        locationId: { type: 'string', required: true, readOnly: true },
        lines: {
          type: 'list',
          required: true,
          readOnly: true,
          items: {
            type: 'map',
            properties: {
              skuId: { type: 'string', required: true },
              expected: { type: 'number', required: true },
              counted: { type: 'number', required: true },
              delta: { type: 'number', required: true },
            },
          },
        },
        /** The ledger posting of the non-zero variances. */
        postingId: { type: 'string', required: true, readOnly: true },
        reference: { type: 'string', readOnly: true },
        countedBy: { type: 'string', required: true, readOnly: true },
        postedAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'stocktakeId'], template: '${tenantId}#stocktake#${stocktakeId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'stocktake', casing: 'none' },
        },
        byLocation: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'locationId'], template: '${tenantId}#stocktakes#${locationId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['stocktakeId'], template: '${stocktakeId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type StocktakeEntity = ReturnType<typeof createStocktakeEntity>;
export type StocktakeItem = EntityItem<StocktakeEntity>;

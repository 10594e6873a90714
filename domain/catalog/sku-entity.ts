// A SKU: the unit that is scanned, priced and stocked. Listed per tenant in name order on gsi1,
// which is also where `GET /v1/skus?q=` searches.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';
import { SKU_VIEW_ATTRIBUTES } from './sku-view.ts';

export const createSkuEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'sku', version: '1', service: 'storefleet' },
      attributes: {
        ...SKU_VIEW_ATTRIBUTES,
        /** searchText() of the view: kept in step with the name, since it leads the list's sort key. */
        searchText: { type: 'string', required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'skuId'], template: '${tenantId}#sku#${skuId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'sku', casing: 'none' },
        },
        byName: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId'], template: '${tenantId}#skus', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['searchText', 'skuId'], template: '${searchText}#${skuId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type SkuEntity = ReturnType<typeof createSkuEntity>;
export type SkuItem = EntityItem<SkuEntity>;

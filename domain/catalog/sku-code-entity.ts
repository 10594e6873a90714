// SKU code -> the SKU's view. Keeps codes unique within a tenant (a GSI cannot) and answers
// `GET /v1/skus?code=` with one GetItem.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';
import { SKU_VIEW_ATTRIBUTES } from './sku-view.ts';

export const createSkuCodeEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'skuCode', version: '1', service: 'storefleet' },
      attributes: SKU_VIEW_ATTRIBUTES,
      indexes: {
        byCode: {
          pk: { field: 'pk', composite: ['tenantId', 'code'], template: '${tenantId}#skucode#${code}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'skucode', casing: 'none' },
        },
      },
    },
    { table, client },
  );

// A product (SPU): what HQ names, brands and files under a category; its SKUs are what is sold.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';
import { SKU_STATUSES } from './sku-view.ts';

export const PRODUCT_STATUSES = SKU_STATUSES;

export const createProductEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'product', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        productId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        categoryId: { type: 'string' },
        brand: { type: 'string' },
        status: { type: PRODUCT_STATUSES, required: true },
        /** Its SKUs, in the order given: a product change rewrites each SKU's denormalised view. */
        skuIds: { type: 'list', required: true, readOnly: true, items: { type: 'string' } },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'productId'], template: '${tenantId}#product#${productId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'product', casing: 'none' },
        },
        // HQ's product list, oldest first. Keyed by id alone so a rename, re-file or archive never
        // moves the entry; status, category and brand narrow the list as filters.
        byTenant: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId'], template: '${tenantId}#products', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['productId'], template: '${productId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ProductEntity = ReturnType<typeof createProductEntity>;
export type ProductItem = EntityItem<ProductEntity>;

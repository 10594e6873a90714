// One SKU's price in one price list. Keyed by SKU first, so resolving a basket is one Query per
// SKU (in parallel) that returns every list pricing it, however many lists the chain has; the
// list's own partition on gsi1 pages through its prices in SKU order.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createPriceEntryEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'priceEntry', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        skuId: { type: 'string', required: true, readOnly: true },
        priceListId: { type: 'string', required: true, readOnly: true },
        amount: { type: 'number', required: true },
        /** The list version that set this amount. */
        version: { type: 'number', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        bySku: {
          pk: { field: 'pk', composite: ['tenantId', 'skuId'], template: '${tenantId}#price#${skuId}', casing: 'none' },
          sk: { field: 'sk', composite: ['priceListId'], template: '${priceListId}', casing: 'none' },
        },
        byList: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'priceListId'], template: '${tenantId}#pricelist#${priceListId}#prices', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['skuId'], template: '${skuId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type PriceEntryEntity = ReturnType<typeof createPriceEntryEntity>;
export type PriceEntryItem = EntityItem<PriceEntryEntity>;

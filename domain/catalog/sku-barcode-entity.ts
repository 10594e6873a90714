// Normalised barcode -> the SKU's view: the POS scan path. A scan is this one GetItem; the item is
// written in the same transaction as its SKU, so it never points at a SKU that is not there, and
// creating it is what keeps a barcode unique within a tenant.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';
import { SKU_VIEW_ATTRIBUTES } from './sku-view.ts';

export const createSkuBarcodeEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'skuBarcode', version: '1', service: 'storefleet' },
      attributes: {
        ...SKU_VIEW_ATTRIBUTES,
        /** normalizeBarcode() of `barcode`: a UPC-A and its EAN-13 form share this key. */
        normalizedBarcode: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byBarcode: {
          pk: { field: 'pk', composite: ['tenantId', 'normalizedBarcode'], template: '${tenantId}#barcode#${normalizedBarcode}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'barcode', casing: 'none' },
        },
      },
    },
    { table, client },
  );

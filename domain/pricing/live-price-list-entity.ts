// The chain's active price lists, headers only, in one partition: pricing a basket reads them all
// with one Query beside the SKUs and their price entries, so resolution and promotions need no
// second round of reads to learn which lists an entry belongs to. Written with its list in the
// same transaction while the list is active, deleted when it leaves `active`; one whose window has
// ended drops out by TTL. A list's prices stay in its entries (one item per SKU), so a change of
// window, scope or status is still one item here however many SKUs the list prices.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';
import { ALL_PRICE_LIST_KINDS } from './price-list-entity.ts';

export const createLivePriceListEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'livePriceList', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        priceListId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        kind: { type: ALL_PRICE_LIST_KINDS, required: true },
        priority: { type: 'number', required: true },
        version: { type: 'number', required: true },
        scope: { type: 'any', required: true },
        validFrom: { type: 'string' },
        validTo: { type: 'string' },
        /** A promotion list's rule; standard and member lists have prices instead. */
        promotion: { type: 'any' },
        /** Epoch seconds a day after validTo: an ended list needs no reading. */
        expiresAt: { type: 'number' },
      },
      indexes: {
        byTenant: {
          pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#pricelists#live', casing: 'none' },
          sk: { field: 'sk', composite: ['priceListId'], template: '${priceListId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type LivePriceListItem = EntityItem<ReturnType<typeof createLivePriceListEntity>>;

// The chain's live promotions in one partition: a basket quote reads them all with one Query
// instead of looking through every price list. Written with its list in the same transaction while
// the list is active, deleted when it is archived; one that has ended drops out by TTL.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createActivePromotionEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'activePromotion', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        priceListId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        version: { type: 'number', required: true },
        scope: { type: 'any', required: true },
        validFrom: { type: 'string' },
        validTo: { type: 'string' },
        promotion: { type: 'any', required: true },
        /** Epoch seconds a day after validTo: an ended promotion needs no reading. */
        expiresAt: { type: 'number' },
      },
      indexes: {
        byTenant: {
          pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#promotions', casing: 'none' },
          sk: { field: 'sk', composite: ['priceListId'], template: '${priceListId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ActivePromotionItem = EntityItem<ReturnType<typeof createActivePromotionEntity>>;

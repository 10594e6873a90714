// A price list's header: what it is (kind, promotion rule), where and when it applies (scope,
// window, status) and how it ranks (priority), with its version. Its prices are separate items
// keyed by SKU (price-entry-entity.ts), so a change of window, scope or status is one item however
// many SKUs the list prices. Listed per tenant on gsi1, newest first by id.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const PRICE_LIST_STATUSES = ['draft', 'active', 'archived'] as const;
export const ALL_PRICE_LIST_KINDS = ['standard', 'member', 'promotion'] as const;

export const createPriceListEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'priceList', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        priceListId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        kind: { type: ALL_PRICE_LIST_KINDS, required: true, readOnly: true },
        priority: { type: 'number', required: true },
        /** `{ regionIds?, storeIds?, channels? }` as PriceListScope in price-resolution.ts. */
        scope: { type: 'any', required: true },
        validFrom: { type: 'string' },
        validTo: { type: 'string' },
        status: { type: PRICE_LIST_STATUSES, required: true },
        /** 1 at creation, +1 on every change; every write is conditioned on the version it read. */
        version: { type: 'number', required: true },
        /** SKUs the list prices now (standard and member lists). */
        lineCount: { type: 'number', required: true },
        /** The rule of a promotion list (promotion-rules.ts). */
        promotion: { type: 'any' },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'priceListId'], template: '${tenantId}#pricelist#${priceListId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'pricelist', casing: 'none' },
        },
        byTenant: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId'], template: '${tenantId}#pricelists', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['priceListId'], template: '${priceListId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type PriceListEntity = ReturnType<typeof createPriceListEntity>;
export type PriceListItem = EntityItem<PriceListEntity>;

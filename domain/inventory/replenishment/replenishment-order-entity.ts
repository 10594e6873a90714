// A store's replenishment order (门店订货) to a warehouse: submitted by the store (or HQ), shipped
// by HQ as a transfer exactly once, or cancelled while still submitted. gsi1 lists a store's
// orders with `state` leading the sort key, so what it still has on order is one begins_with query.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';

export const ORDER_STATUSES = ['submitted', 'shipped', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orderStateOf = (status: OrderStatus): 'open' | 'done' => (status === 'submitted' ? 'open' : 'done');

export const createReplenishmentOrderEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'replenishmentOrder', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        orderId: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        warehouseId: { type: 'string', required: true, readOnly: true },
        status: { type: ORDER_STATUSES, required: true },
        state: { type: ['open', 'done'] as const, required: true },
        lines: {
          type: 'list',
          required: true,
          readOnly: true,
          items: { type: 'map', properties: { skuId: { type: 'string', required: true }, quantity: { type: 'number', required: true } } },
        },
        note: { type: 'string', readOnly: true },
        /** The transfer that shipped it. */
        transferId: { type: 'string' },
        createdAt: { type: 'string', required: true, readOnly: true },
        createdBy: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        updatedBy: { type: 'string', required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'orderId'], template: '${tenantId}#replenishmentOrder#${orderId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'order', casing: 'none' },
        },
        toStore: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'storeId'], template: '${tenantId}#replenishmentOrdersTo#${storeId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['state', 'orderId'], template: '${state}#${orderId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ReplenishmentOrderEntity = ReturnType<typeof createReplenishmentOrderEntity>;
export type ReplenishmentOrderItem = EntityItem<ReplenishmentOrderEntity>;

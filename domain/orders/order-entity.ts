// An order of one store, from any channel. Its payments and returns live in the same partition
// (payment-entity.ts, return-entity.ts), so reading an order with everything it carries is one
// Query. Every change is conditioned on `version`, which is how two payments, a cancel and an
// expiry racing for the same order resolve: one wins, the others read again.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';
import { CHANNELS } from '../shared/channels.ts';
import { ORDER_STATUSES } from './order-state.ts';
import { offlineSaleAttribute } from './offline/offline-sale-attribute.ts';

export const FULFILMENT_TYPES = ['instore', 'pickup', 'delivery'] as const;
export type FulfilmentType = (typeof FULFILMENT_TYPES)[number];

const line = {
  type: 'map',
  properties: {
    skuId: { type: 'string', required: true },
    name: { type: 'string', required: true },
    quantity: { type: 'number', required: true },
    unitPrice: { type: 'number', required: true },
    listTotal: { type: 'number', required: true },
    discount: { type: 'number', required: true },
    amount: { type: 'number', required: true },
    promotionId: { type: 'string' },
    /** Units of the line given back by returns so far. */
    returned: { type: 'number', required: true },
    /** What those returns refunded of `amount`. */
    refunded: { type: 'number', required: true },
  },
} as const;

export const createOrderEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'order', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        orderId: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        channel: { type: CHANNELS, required: true, readOnly: true },
        number: { type: 'string', required: true, readOnly: true },
        businessDay: { type: 'string', required: true, readOnly: true },
        status: { type: ORDER_STATUSES, required: true },
        lines: { type: 'list', required: true, items: line },
        subtotal: { type: 'number', required: true, readOnly: true },
        discountTotal: { type: 'number', required: true, readOnly: true },
        total: { type: 'number', required: true, readOnly: true },
        paidAmount: { type: 'number', required: true },
        /** What payments still waiting on their provider will take (wallet-payments.ts): owed is total - paid - this. */
        processingAmount: { type: 'number' },
        refundedAmount: { type: 'number', required: true },
        fulfilmentType: { type: FULFILMENT_TYPES, required: true, readOnly: true },
        address: { type: 'string', readOnly: true },
        pickupCode: { type: 'string', readOnly: true },
        reservationId: { type: 'string', readOnly: true },
        externalRef: { type: 'string', readOnly: true },
        terminalId: { type: 'string', readOnly: true },
        createdBy: { type: 'string', readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        /** While pending_payment: when the hold (and so the order) lapses. */
        expiresAt: { type: 'string' },
        paidAt: { type: 'string' },
        completedAt: { type: 'string' },
        cancelledAt: { type: 'string' },
        cancelReason: { type: 'string' },
        version: { type: 'number', required: true },
        /** A sale a till made offline and synced (offline/record-sale.ts); absent on every other order. */
        offlineSale: offlineSaleAttribute,
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'orderId'], template: '${tenantId}#order#${orderId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'order', casing: 'none' },
        },
        // A store's orders by business day then time: a day, or a range of days, is one Query.
        byStoreDay: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'storeId'], template: '${tenantId}#orders#${storeId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['businessDay', 'createdAt', 'orderId'], template: '${businessDay}#${createdAt}#${orderId}', casing: 'none' },
        },
        // The chain's orders across its stores, for HQ, by the same day-then-time order.
        byTenantDay: {
          index: 'gsi2',
          pk: { field: 'gsi2pk', composite: ['tenantId'], template: '${tenantId}#orders', casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['businessDay', 'createdAt', 'orderId'], template: '${businessDay}#${createdAt}#${orderId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type OrderEntity = ReturnType<typeof createOrderEntity>;
export type OrderItem = EntityItem<OrderEntity>;
export type OrderLineItem = OrderItem['lines'][number];

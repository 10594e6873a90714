// A return of some of an order's lines, kept in the order's partition. The order's own lines carry
// the running `returned` counts under the order's version condition; this item is the record of
// one return: what came back, what it refunded and why.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createOrderReturnEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'orderReturn', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        orderId: { type: 'string', required: true, readOnly: true },
        returnId: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        lines: {
          type: 'list',
          required: true,
          readOnly: true,
          items: { type: 'map', properties: { skuId: { type: 'string', required: true }, quantity: { type: 'number', required: true }, amount: { type: 'number', required: true } } },
        },
        amount: { type: 'number', required: true, readOnly: true },
        reason: { type: 'string', required: true, readOnly: true },
        refundIds: { type: 'list', required: true, readOnly: true, items: { type: 'string' } },
        createdBy: { type: 'string', readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byOrder: {
          pk: { field: 'pk', composite: ['tenantId', 'orderId'], template: '${tenantId}#order#${orderId}', casing: 'none' },
          sk: { field: 'sk', composite: ['returnId'], template: 'return#${returnId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type OrderReturnItem = EntityItem<ReturnType<typeof createOrderReturnEntity>>;

// A store's task of getting a paid pickup or delivery order to its customer. Listed per store by
// status, oldest first (the queue store staff work through); each step's time is kept for SLAs.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';
import { FULFILMENT_STATUSES } from './fulfilment-state.ts';

export const createFulfilmentEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'fulfilment', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        fulfilmentId: { type: 'string', required: true, readOnly: true },
        orderId: { type: 'string', required: true, readOnly: true },
        orderNumber: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        type: { type: ['pickup', 'delivery'] as const, required: true, readOnly: true },
        status: { type: FULFILMENT_STATUSES, required: true },
        lines: {
          type: 'list',
          required: true,
          readOnly: true,
          items: { type: 'map', properties: { skuId: { type: 'string', required: true }, name: { type: 'string', required: true }, quantity: { type: 'number', required: true } } },
        },
        pickupCode: { type: 'string', readOnly: true },
        address: { type: 'string', readOnly: true },
        // Restated by every step: it is part of the list index's sort key.
        createdAt: { type: 'string', required: true },
        pickedAt: { type: 'string' },
        packedAt: { type: 'string' },
        handedOverAt: { type: 'string' },
        completedAt: { type: 'string' },
        cancelledAt: { type: 'string' },
        /** Who did each step. */
        actors: { type: 'map', properties: { pick: { type: 'string' }, pack: { type: 'string' }, handover: { type: 'string' }, complete: { type: 'string' }, cancel: { type: 'string' } } },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'fulfilmentId'], template: '${tenantId}#fulfilment#${fulfilmentId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'fulfilment', casing: 'none' },
        },
        byStoreStatus: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'storeId'], template: '${tenantId}#fulfilments#${storeId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['status', 'createdAt', 'fulfilmentId'], template: '${status}#${createdAt}#${fulfilmentId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type FulfilmentItem = EntityItem<ReturnType<typeof createFulfilmentEntity>>;

// The claim of one order number at a store on a business day. A number is the store-local time
// and three random digits (`P1432-087`): staff read when the order was placed, and concurrent
// orders take distinct items instead of all contending for one counter (a flash sale at one
// store would otherwise serialize on it). The order's transaction creates the claim on
// attribute_not_exists, so a number is never given twice; a collision (two orders in the same
// minute drawing the same digits) cancels that transaction and the order draws again.
import { Entity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

/** Claims outlive their day long enough for a late sync to be refused a taken number. */
export const ORDER_NUMBER_RETENTION_SECONDS = 40 * 24 * 3600;

export const createOrderNumberEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'orderNumber', version: '2', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        businessDay: { type: 'string', required: true, readOnly: true },
        number: { type: 'string', required: true, readOnly: true },
        orderId: { type: 'string', required: true, readOnly: true },
        expiresAt: { type: 'number', required: true, readOnly: true },
      },
      indexes: {
        byNumber: {
          pk: { field: 'pk', composite: ['tenantId', 'storeId', 'businessDay', 'number'], template: '${tenantId}#ordernumber#${storeId}#${businessDay}#${number}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'ordernumber', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type OrderNumberEntity = ReturnType<typeof createOrderNumberEntity>;

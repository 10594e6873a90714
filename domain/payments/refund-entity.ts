// A refund of (part of) one payment, in the order's partition next to the payment it gives back.
// The payment's refundedAmount moves in the same transaction under a condition that keeps it at
// or below the amount paid, which is what stops two concurrent refunds both passing.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';
import { RECORDED_PROVIDERS } from './payment-entity.ts';

export const REFUND_STATUSES = ['processing', 'succeeded', 'failed'] as const;

export const createRefundEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'refund', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        refundId: { type: 'string', required: true, readOnly: true },
        orderId: { type: 'string', required: true, readOnly: true },
        paymentId: { type: 'string', required: true, readOnly: true },
        provider: { type: RECORDED_PROVIDERS, required: true, readOnly: true },
        status: { type: REFUND_STATUSES, required: true },
        amount: { type: 'number', required: true, readOnly: true },
        reason: { type: 'string', required: true, readOnly: true },
        /** The return or cancellation it belongs to. */
        cause: { type: 'string', required: true, readOnly: true },
        outRefundNo: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        completedAt: { type: 'string' },
      },
      indexes: {
        byOrder: {
          pk: { field: 'pk', composite: ['tenantId', 'orderId'], template: '${tenantId}#order#${orderId}', casing: 'none' },
          sk: { field: 'sk', composite: ['refundId'], template: 'refund#${refundId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type RefundItem = EntityItem<ReturnType<typeof createRefundEntity>>;

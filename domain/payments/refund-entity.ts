// A refund of (part of) one payment, in the order's partition next to the payment it gives back.
// The payment's refundedAmount moves in the same transaction under a condition that keeps it at
// or below the amount paid, which is what stops two concurrent refunds both passing. A wallet's
// refund is `processing` until its provider says the money went back; while it is, it sits on the
// sparse awaitingProvider index the sweeper reads (wallet-refunds.ts).
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
        /** Not readOnly: an outcome's patch names it, so the awaitingProvider index drops the refund. */
        createdAt: { type: 'string', required: true },
        completedAt: { type: 'string' },
        /** The provider's own id for the refund (WeChat's refund_id). */
        providerRefundId: { type: 'string' },
        /** Why a refund failed: the provider's code. */
        failureCode: { type: 'string' },
      },
      indexes: {
        byOrder: {
          pk: { field: 'pk', composite: ['tenantId', 'orderId'], template: '${tenantId}#order#${orderId}', casing: 'none' },
          sk: { field: 'sk', composite: ['refundId'], template: 'refund#${refundId}', casing: 'none' },
        },
        awaitingProvider: {
          index: 'gsi2',
          condition: (attr) => attr.status === 'processing',
          pk: { field: 'gsi2pk', composite: ['tenantId'], template: '${tenantId}#refunds#processing', casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['createdAt', 'refundId'], template: '${createdAt}#${refundId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type RefundItem = EntityItem<ReturnType<typeof createRefundEntity>>;

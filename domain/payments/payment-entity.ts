// A payment towards an order, in the order's partition (so an order reads with its payments in one
// Query) and findable by its own id through gsi1; while it waits on its provider, on gsi2 too. A
// payment is written before any provider is called and never deleted: a failed attempt stays as
// the record of what was tried.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';
import { CHANNEL_PLATFORMS } from '../channels/platforms.ts';

export const PAYMENT_STATUSES = ['processing', 'succeeded', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** The flows a client may ask for. */
export const PAYMENT_FLOWS = ['barcode', 'qrcode', 'cash'] as const;
/** The providers a client may name. */
export const PROVIDERS = ['wechat', 'alipay', 'unionpay', 'ecny', 'jdpay', 'cash'] as const;
/**
 * What a payment may record besides: a delivery platform that collected the customer's money
 * (flow `platform`, provider the platform). Only the channel adapter makes these, when it
 * confirms the platform's order; no client request can.
 */
export const RECORDED_FLOWS = [...PAYMENT_FLOWS, 'platform'] as const;
export const RECORDED_PROVIDERS = [...PROVIDERS, ...CHANNEL_PLATFORMS] as const;
export type Provider = (typeof RECORDED_PROVIDERS)[number];
export type PaymentFlow = (typeof RECORDED_FLOWS)[number];

export const createPaymentEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'payment', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        paymentId: { type: 'string', required: true, readOnly: true },
        orderId: { type: 'string', required: true, readOnly: true },
        storeId: { type: 'string', required: true, readOnly: true },
        provider: { type: RECORDED_PROVIDERS, required: true, readOnly: true },
        flow: { type: RECORDED_FLOWS, required: true, readOnly: true },
        status: { type: PAYMENT_STATUSES, required: true },
        amount: { type: 'number', required: true, readOnly: true },
        /** Cash handed over, and the change given back from it. */
        tendered: { type: 'number', readOnly: true },
        change: { type: 'number', readOnly: true },
        /** The merchant order number the provider knows the payment by. */
        outTradeNo: { type: 'string', required: true, readOnly: true },
        providerTxnId: { type: 'string' },
        failureCode: { type: 'string' },
        refundedAmount: { type: 'number', required: true },
        createdBy: { type: 'string', readOnly: true },
        // Not readOnly: a change of status names it (unchanged), which is how ElectroDB knows to
        // take the payment off the sparse awaitingProvider index (it re-evaluates an index's
        // condition only when a change names one of the index's composite attributes).
        createdAt: { type: 'string', required: true },
        completedAt: { type: 'string' },
      },
      indexes: {
        byOrder: {
          pk: { field: 'pk', composite: ['tenantId', 'orderId'], template: '${tenantId}#order#${orderId}', casing: 'none' },
          sk: { field: 'sk', composite: ['paymentId'], template: 'payment#${paymentId}', casing: 'none' },
        },
        byId: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'paymentId'], template: '${tenantId}#payment#${paymentId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: [], template: 'payment', casing: 'none' },
        },
        // Sparse: only while a payment waits on its provider, oldest first, so the sweeper
        // (payments/payment-sweep.ts) finds what is left undecided without reading anything else.
        // ElectroDB removes the keys when a change sets another status.
        awaitingProvider: {
          index: 'gsi2',
          condition: (attr) => attr.status === 'processing',
          pk: { field: 'gsi2pk', composite: ['tenantId'], template: '${tenantId}#payments#processing', casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['createdAt', 'paymentId'], template: '${createdAt}#${paymentId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type PaymentItem = EntityItem<ReturnType<typeof createPaymentEntity>>;

// What a verified Meituan push means (docs/delivery-platforms.md §6). Each push type has its own
// URL in the developer console; we register the one webhook URL for all of them and tell them
// apart by their fields, which do not overlap: courier progress carries logistics_status, refunds
// notify_type, full-order pushes detail and status, cancels reason_code without detail. A push
// with no order_id is the console checking the URL.
import type { Push, SignedPush } from '../adapter.ts';
import { statusOf } from './codes.ts';
import { z } from 'zod';
import { CancelFields, detailLines, fieldsOf, OrderFields, PlatformOrderId, RefundFields } from './push-fields.ts';

const cancelled = (params: Readonly<Record<string, string>>): Push => {
  const f = fieldsOf(CancelFields, params);
  const reason = [f.reason_code && `Meituan ${f.reason_code}`, f.reason].filter(Boolean).join(': ') || 'cancelled on Meituan';
  return { kind: 'cancelled', platformOrderId: f.order_id, reason, key: 'cancel' };
};

export const interpretMeituanPush = ({ params }: SignedPush): Push => {
  if (!params.order_id) return { kind: 'check' };
  fieldsOf(z.object({ order_id: PlatformOrderId }), params);
  if (params.logistics_status !== undefined) return { kind: 'other', platformOrderId: params.order_id, what: `logistics status ${params.logistics_status}` };
  if (params.notify_type !== undefined) {
    const f = fieldsOf(RefundFields, params);
    // A partial refund lists the refunded items (`food`); a full refund does not.
    return { kind: 'refund', platformOrderId: f.order_id, agreed: f.notify_type === 'agree', full: f.food === undefined, reason: f.reason ?? 'refunded on Meituan', key: `refund:${f.refund_id ?? ''}:${f.notify_type}` };
  }
  if (params.detail !== undefined) {
    const f = fieldsOf(OrderFields, params);
    const status = statusOf(Number(f.status));
    if (status.stage === 'cancelled') return cancelled(params);
    if (status.stage !== 'new') return { kind: 'progress', platformOrderId: f.order_id, status, key: `status:${status.rank}` };
    return {
      kind: 'order',
      order: {
        platformOrderId: f.order_id,
        storeCode: f.app_poi_code,
        status,
        lines: detailLines(f.detail),
        ...(f.recipient_address?.trim() ? { address: f.recipient_address.trim() } : {}),
        ...(f.wm_order_id_view ? { displayId: f.wm_order_id_view } : {}),
      },
    };
  }
  if (params.reason_code !== undefined) return cancelled(params);
  if (params.status !== undefined && /^\d{1,2}$/.test(params.status)) {
    const status = statusOf(Number(params.status));
    return status.stage === 'cancelled' ? cancelled(params) : { kind: 'progress', platformOrderId: params.order_id, status, key: `status:${status.rank}` };
  }
  return { kind: 'other', platformOrderId: params.order_id, what: 'an unknown push' };
};

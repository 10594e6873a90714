// The Meituan Shangou adapter (docs/delivery-platforms.md): pushes read, verified and interpreted
// by this folder's protocol files, and our answers as open-API calls. Confirm and reject are
// order/confirm and order/cancel; an order that moved on meanwhile (808, or 1022 on cancel) is
// `state_changed`, for the caller to read back with order/getOrderDetail rather than retry blindly.
import { z } from 'zod';
import { PlatformCallError } from '../errors.ts';
import type { CallOutcome, DeliveryPlatform, PlatformApp, StockItem, StockOutcome } from '../adapter.ts';
import { BROKEN_LINK_CODES, ERROR_CODES, REJECT_CODES, statusOf } from './codes.ts';
import { callMeituan, failureOf } from './open-api.ts';
import { pushParams } from './push-params.ts';
import { interpretMeituanPush } from './interpret-push.ts';
import { verifyMeituanPush } from './verify-push.ts';

const outcomeOf = (path: string, code: number | undefined, moved: readonly number[]): CallOutcome => {
  if (code === undefined) return 'done';
  if (moved.includes(code)) return 'state_changed';
  throw new PlatformCallError(path, code, `refused with ${code}`);
};

const OrderDetail = z.object({ data: z.object({ status: z.coerce.number().int() }) });

/** food_data: one group per product code, each with its SKUs' absolute stock as text. */
const foodData = (items: readonly StockItem[]): string => {
  const groups = new Map<string, { sku_id: string; stock: string }[]>();
  for (const item of items) groups.set(item.spuCode, [...(groups.get(item.spuCode) ?? []), { sku_id: item.skuCode, stock: String(item.stock) }]);
  return JSON.stringify([...groups].map(([spu, skus]) => ({ app_spu_code: spu, skus })));
};

const pushStock = async (app: PlatformApp, storeCode: string, items: readonly StockItem[]): Promise<StockOutcome> => {
  const path = 'retail/sku/stock';
  const answer = await callMeituan(app, { method: 'POST', path, params: { app_poi_code: storeCode, food_data: foodData(items) } });
  const listed = (answer.error_list ?? []).map((e) => ({ skuCode: e.sku_id ?? '', code: e.code, broken: BROKEN_LINK_CODES.includes(e.code) }));
  if (answer.result_code === 2 || (answer.result_code === 3 && listed.length)) {
    // An error naming no SKU is about the call: every SKU of it failed.
    if (listed.some((f) => !f.skuCode)) return { failed: items.map((i) => ({ skuCode: i.skuCode, code: listed[0]!.code, broken: false })) };
    return { failed: listed };
  }
  const code = failureOf(answer);
  if (code !== undefined || (answer.result_code !== undefined && answer.result_code !== 1)) throw new PlatformCallError(path, code, `refused with ${code ?? `result_code ${answer.result_code}`}`);
  return { failed: [] };
};

export const meituan: DeliveryPlatform = {
  channel: 'meituan',
  // §7 and §8: no published figures; these are our assumptions until the console shows the app's.
  stockLimits: { requestsPerSecond: 5, burst: 5, storeIntervalMs: 2_000, maxGroupsPerCall: 200, maxStock: 99_999, backoffMs: { first: 1_000, max: 60_000 } },
  readPush: (request) => {
    const params = pushParams(request);
    return { appId: params.app_id, params, urlCheck: !params.order_id && !params.sig };
  },
  verifyPush: verifyMeituanPush,
  interpretPush: interpretMeituanPush,
  confirmOrder: async (app, platformOrderId) => {
    const answer = await callMeituan(app, { method: 'GET', path: 'order/confirm', params: { order_id: platformOrderId } });
    return outcomeOf('order/confirm', failureOf(answer), [ERROR_CODES.stateChanged]);
  },
  rejectOrder: async (app, platformOrderId, reason) => {
    const { code, reason: text } = REJECT_CODES[reason];
    const answer = await callMeituan(app, { method: 'GET', path: 'order/cancel', params: { order_id: platformOrderId, reason: text, reason_code: String(code) } });
    return { reasonCode: code, outcome: outcomeOf('order/cancel', failureOf(answer), [ERROR_CODES.stateChanged, ERROR_CODES.alreadyFinished]) };
  },
  orderStatus: async (app, platformOrderId) => {
    const answer = await callMeituan(app, { method: 'GET', path: 'order/getOrderDetail', params: { order_id: platformOrderId } });
    const code = failureOf(answer);
    const detail = OrderDetail.safeParse(answer);
    if (code !== undefined || !detail.success) throw new PlatformCallError('order/getOrderDetail', code, 'no order status in the answer');
    return statusOf(detail.data.data.status);
  },
  pushStock,
};

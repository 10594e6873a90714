// The sandbox's own endpoints, for tests and developers (under /_sandbox/): register an app as the
// developer console would, have the platform push an order or a status change to our webhook (and
// see what the webhook answered), throttle an app's next stock calls (711), and read back the
// open-API calls received and the orders' state.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { orderFields, sendPush } from './pushes.ts';
import type { SandboxState } from './state.ts';

const AppRequest = z.object({ appId: z.string().min(1), appSecret: z.string().min(1), pushUrl: z.url() });

const Line = z.object({ skuCode: z.string().optional(), spuCode: z.string().optional(), upc: z.string().optional(), name: z.string().default('商品'), quantity: z.number().int().min(1), price: z.number().min(0).default(1) });

const Common = { appId: z.string(), tamper: z.enum(['signature', 'stale']).optional(), method: z.enum(['POST', 'GET']).optional() };
const PushRequest = z.discriminatedUnion('type', [
  // A new paid order; with the id of one pushed before, the same order pushed again.
  z.object({ ...Common, type: z.literal('order'), orderId: z.string().regex(/^\d{1,20}$/).optional(), storeCode: z.string().optional(), lines: z.array(Line).optional(), address: z.string().optional() }),
  z.object({ ...Common, type: z.literal('status'), orderId: z.string(), status: z.number().int() }),
  z.object({ ...Common, type: z.literal('cancel'), orderId: z.string(), reasonCode: z.string().default('1101'), reason: z.string().default('用户取消'), dealOpType: z.string().default('1') }),
  z.object({ ...Common, type: z.literal('refund'), orderId: z.string(), refundId: z.string().default('rf1'), notifyType: z.string().default('agree'), reason: z.string().default('用户申请退款'), partial: z.boolean().default(false) }),
]);

export class SandboxRequestError extends Error {}

const must = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new SandboxRequestError(`unknown ${what}`);
  return value;
};

/** A fresh 17-digit order id, past 2^53 as Meituan's are. */
const newOrderId = (): string => `2706${String(randomInt(10 ** 5, 10 ** 6))}${String(randomInt(10 ** 6, 10 ** 7))}`;

const push = async (state: SandboxState, input: z.infer<typeof PushRequest>) => {
  const app = must(state.apps.get(input.appId), `app ${input.appId}`);
  const options = { tamper: input.tamper, method: input.method };
  if (input.type === 'order') {
    const known = input.orderId ? state.orders.get(input.orderId) : undefined;
    const order = known ?? {
      orderId: input.orderId ?? newOrderId(),
      appId: app.appId,
      storeCode: must(input.storeCode, 'storeCode (a new order names its store)'),
      status: 2,
      lines: must(input.lines, 'lines (a new order has lines)'),
      address: input.address ?? '上海市黄浦区南京东路1号',
      ctime: Math.floor(Date.now() / 1000),
    };
    // A tampered push is one the platform never sent: it makes no order here either.
    if (!known && !input.tamper) state.orders.set(order.orderId, order);
    return { orderId: order.orderId, answer: await sendPush(app, orderFields(order, 2), options) };
  }
  const order = must(state.orders.get(input.orderId), `order ${input.orderId}`);
  if (input.type === 'status') {
    order.status = input.status;
    return { orderId: order.orderId, answer: await sendPush(app, orderFields(order, input.status), options) };
  }
  if (input.type === 'cancel') {
    order.status = 9;
    return { orderId: order.orderId, answer: await sendPush(app, { order_id: order.orderId, reason_code: input.reasonCode, reason: input.reason, deal_op_type: input.dealOpType }, options) };
  }
  const fields = { order_id: order.orderId, refund_id: input.refundId, notify_type: input.notifyType, res_type: '1', reason: input.reason };
  return { orderId: order.orderId, answer: await sendPush(app, input.partial ? { ...fields, food: '[]' } : fields, options) };
};

export const answerControl = async (state: SandboxState, method: string, url: URL, body: string): Promise<{ status: number; body: unknown }> => {
  const json = () => JSON.parse(body || '{}') as unknown;
  if (method === 'POST' && url.pathname === '/_sandbox/apps') {
    const app = AppRequest.parse(json());
    state.apps.set(app.appId, { appId: app.appId, secret: app.appSecret, pushUrl: app.pushUrl });
    return { status: 201, body: { appId: app.appId, pushUrl: app.pushUrl } };
  }
  const throttle = /^\/_sandbox\/apps\/([^/]+)\/throttle$/.exec(url.pathname);
  if (method === 'POST' && throttle) {
    const { calls } = z.object({ calls: z.number().int().min(0).max(100) }).parse(json());
    state.throttleNext.set(must(state.apps.get(throttle[1]!), `app ${throttle[1]}`).appId, calls);
    return { status: 200, body: { appId: throttle[1], throttleNext: calls } };
  }
  if (method === 'POST' && url.pathname === '/_sandbox/pushes') return { status: 200, body: await push(state, PushRequest.parse(json())) };
  if (method === 'GET' && url.pathname === '/_sandbox/calls') {
    const appId = url.searchParams.get('appId');
    const path = url.searchParams.get('path');
    return { status: 200, body: { data: state.calls.filter((c) => (!appId || c.appId === appId) && (!path || c.path === path)) } };
  }
  const order = /^\/_sandbox\/orders\/(\d{1,20})$/.exec(url.pathname);
  if (method === 'GET' && order) return { status: 200, body: must(state.orders.get(order[1]!), `order ${order[1]}`) };
  return { status: 404, body: { error: `no sandbox endpoint ${method} ${url.pathname}` } };
};

// The sandbox's copy of the open API our adapter calls (docs/delivery-platforms.md §1, §5, §7):
// order/confirm, order/cancel, order/getOrderDetail and retail/sku/stock under /api/v1. Each call
// must be signed by a registered app over this sandbox's own URL, within ±10 minutes; stock calls
// past the limits the adapter assumes are throttled (711) as the platform would.
import type { IncomingMessage } from 'node:http';
import { signatureMatches } from '../../../domain/channels/meituan/signature.ts';
import type { RecordedCall, SandboxState } from './state.ts';

type Answer = Record<string, unknown>;
const OK: Answer = { data: 'ok' };
const ng = (code: number, msg: string): Answer => ({ data: 'ng', error: { code, msg } });

const parsed = (params: Record<string, string>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(params)
      .filter(([k]) => k !== 'sig')
      .map(([k, v]) => {
        if (!/^[[{]/.test(v)) return [k, v];
        try {
          return [k, JSON.parse(v) as unknown];
        } catch {
          return [k, v];
        }
      }),
  );

const handle = (state: SandboxState, path: string, params: Record<string, string>, now: number): { answer: Answer; throttled: boolean } => {
  const orderId = params.order_id ?? '';
  const order = state.orders.get(orderId);
  const mine = order && order.appId === params.app_id ? order : undefined;
  switch (path) {
    case 'order/confirm':
      if (!mine) return { answer: ng(806, 'no such order'), throttled: false };
      if (mine.status >= 8) return { answer: ng(808, 'order state changed'), throttled: false };
      mine.status = Math.max(mine.status, 4);
      return { answer: OK, throttled: false };
    case 'order/cancel':
      if (!mine) return { answer: ng(806, 'no such order'), throttled: false };
      if (mine.status === 8) return { answer: ng(1022, 'order already finished'), throttled: false };
      if (mine.status === 9) return { answer: ng(808, 'order state changed'), throttled: false };
      mine.status = 9;
      mine.cancelReasonCode = Number(params.reason_code ?? 2007);
      return { answer: OK, throttled: false };
    case 'order/getOrderDetail':
      return mine ? { answer: { data: { order_id: mine.orderId, status: mine.status, app_poi_code: mine.storeCode } }, throttled: false } : { answer: ng(806, 'no such order'), throttled: false };
    case 'retail/sku/stock':
      if (!state.admitStockCall(params.app_id ?? '', params.app_poi_code ?? '', now)) return { answer: { data: 'ng', result_code: 4, error: { code: 711, msg: 'throttled' } }, throttled: true };
      return { answer: { data: 'ok', result_code: 1 }, throttled: false };
    default:
      return { answer: ng(705, `unknown API ${path}`), throttled: false };
  }
};

/** Answers one open-API request and records it. `baseUrl`: this sandbox's own scheme, host and port. */
export const answerApiCall = (state: SandboxState, baseUrl: string, req: IncomingMessage, url: URL, body: string): Answer => {
  const params: Record<string, string> = {};
  for (const source of [url.searchParams, new URLSearchParams(body)]) for (const [k, v] of source) params[k] = v;
  const path = url.pathname.replace(/^\/api\/v1\//, '');
  const now = Date.now();
  const app = params.app_id ? state.apps.get(params.app_id) : undefined;
  const fresh = Math.abs(Math.floor(now / 1000) - Number(params.timestamp)) <= 600;
  const verified = Boolean(app && params.sig && fresh && signatureMatches(params.sig, `${baseUrl}${url.pathname}`, params, app.secret));
  const outcome = !app ? { answer: ng(702, 'unknown app_id'), throttled: false } : !verified ? { answer: ng(703, 'bad signature'), throttled: false } : handle(state, path, params, now);
  const call: RecordedCall = { at: now, method: req.method ?? 'GET', path, appId: params.app_id, params: parsed(params), verified, throttled: outcome.throttled, answer: outcome.answer };
  state.calls.push(call);
  return outcome.answer;
};

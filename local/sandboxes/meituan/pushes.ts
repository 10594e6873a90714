// Pushes as Meituan sends them (docs/delivery-platforms.md §2, §4, §6): the parameters signed with
// the app's secret over the push URL registered for it, then URL-encoded twice (each value once,
// as urlencode does, then the form as a whole), posted as a form (or sent as GET, when asked).
// `tamper` makes the refusals a test needs: a signature that does not match, a timestamp past the
// ±600 s window our webhook allows.
import { signature } from '../../../domain/channels/meituan/signature.ts';
import type { App, SandboxOrder } from './state.ts';

export type Tamper = 'signature' | 'stale';

export type PushAnswer = { status: number; body: unknown };

/** PHP's urlencode, which the platform's first encoding of each value follows. */
const urlencode = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+').replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export const sendPush = async (app: App, business: Record<string, string>, options: { tamper?: Tamper; method?: 'POST' | 'GET' } = {}): Promise<PushAnswer> => {
  const now = Math.floor(Date.now() / 1000);
  const params = { ...business, app_id: app.appId, timestamp: String(options.tamper === 'stale' ? now - 601 : now) };
  const sig = signature(app.pushUrl, params, app.secret);
  const signed = { ...params, sig: options.tamper === 'signature' ? `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}` : sig };
  const form = new URLSearchParams(Object.entries(signed).map(([k, v]): [string, string] => [k, urlencode(v)])).toString();
  const method = options.method ?? 'POST';
  const response = await fetch(method === 'GET' ? `${app.pushUrl}?${form}` : app.pushUrl, {
    method,
    ...(method === 'POST' ? { body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the answer as text is what the test sees.
  }
  return { status: response.status, body };
};

/** A full-order push's fields (paid, confirmed, completed: the status says which). */
export const orderFields = (order: SandboxOrder, status: number): Record<string, string> => {
  const total = order.lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
  return {
    order_id: order.orderId,
    wm_order_id_view: order.orderId,
    app_poi_code: order.storeCode,
    status: String(status),
    ctime: String(order.ctime),
    utime: String(Math.floor(Date.now() / 1000)),
    delivery_time: '0',
    total: total.toFixed(2),
    original_price: total.toFixed(2),
    shipping_fee: '0',
    recipient_name: '沙盒顾客',
    recipient_phone: '138****_1234',
    recipient_address: order.address,
    latitude: '31.230416',
    longitude: '121.473701',
    caution: '',
    day_seq: '1',
    pick_type: '0',
    detail: JSON.stringify(
      order.lines.map((l) => ({
        ...(l.spuCode !== undefined ? { app_food_code: l.spuCode } : {}),
        ...(l.skuCode !== undefined ? { sku_id: l.skuCode } : {}),
        ...(l.upc !== undefined ? { upc: l.upc } : {}),
        food_name: l.name,
        quantity: l.quantity,
        price: l.price,
        unit: '份',
      })),
    ),
    extras: '[]',
  };
};

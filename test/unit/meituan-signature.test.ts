// Meituan's signature against the worked examples of docs/delivery-platforms.md §2 (Meituan's own
// published one and our rows A-C), and the push rules around it: every value decoded twice,
// verification over the registered URL within ±600 s, and the fields that say which push it is.
import { describe, expect, it } from 'vitest';
import { baseString, signature, signatureMatches } from '../../domain/channels/meituan/signature.ts';
import { pushParams } from '../../domain/channels/meituan/push-params.ts';
import { verifyMeituanPush } from '../../domain/channels/meituan/verify-push.ts';
import { interpretMeituanPush } from '../../domain/channels/meituan/interpret-push.ts';
import { detailLines } from '../../domain/channels/meituan/push-fields.ts';
import { PushUnverifiedError } from '../../domain/channels/errors.ts';

const SECRET = 'sf-test-secret';
const ROW_A_URL = 'https://hooks.storefleet.example/mt/order/paid';
const ROW_A = {
  app_id: '4411',
  app_poi_code: 'sf-sh-0001',
  detail: '[{"app_food_code":"SPU-COLA","sku_id":"SF-COLA-330","food_name":"可乐330ml","quantity":2,"price":3.5,"unit":"罐"}]',
  order_id: '27061900338318741',
  status: '2',
  timestamp: '1700000000',
  wm_order_id_view: '27061900338318741',
};

describe('the signature', () => {
  it("reproduces Meituan's published example, and only with the scheme it signed", () => {
    const params = { app_id: '1235123121', app_poi_codes: '31', timestamp: '1389751221' };
    const secret = 'd31ba58fd73c71db697ab5e4946d52d';
    expect(baseString('http://waimaiopen.meituan.com/api/v1/poi/mget', params)).toBe('http://waimaiopen.meituan.com/api/v1/poi/mget?app_id=1235123121&app_poi_codes=31&timestamp=1389751221');
    expect(signature('http://waimaiopen.meituan.com/api/v1/poi/mget', params, secret)).toBe('00934d00d0aea6f12161edfb6456143d');
    expect(signature('https://waimaiopen.meituan.com/api/v1/poi/mget', params, secret)).toMatch(/^e46a3f14/);
  });

  it('gives rows A (a paid-order push), B (a stock call) and C (a sold-out cancel)', () => {
    expect(signature(ROW_A_URL, ROW_A, SECRET)).toBe('087926ef9e2cbe0f28fd972f7ce2cfca');
    const b = { app_id: '4411', app_poi_code: 'sf-sh-0001', food_data: '[{"app_spu_code":"SPU-COLA","skus":[{"sku_id":"SF-COLA-330","stock":"17"}]}]', timestamp: '1700000300' };
    expect(signature('https://waimaiopen.meituan.com/api/v1/retail/sku/stock', b, SECRET)).toBe('37594c5f920fcd580003be63fbac3f4c');
    const c = { app_id: '4411', order_id: '27061900338318741', reason: '商品已售完', reason_code: '2009', timestamp: '1700000010' };
    expect(signature('https://waimaiopen.meituan.com/api/v1/order/cancel', c, SECRET)).toBe('a199eb7b6d93cf491b2b7b5c464d0964');
  });

  it('leaves sig and binary parts out, sorts by name whatever the order given, and compares any case', () => {
    const shuffled = Object.fromEntries(Object.entries(ROW_A).reverse());
    expect(signature(ROW_A_URL, { ...shuffled, sig: 'x', img_data: 'binary' }, SECRET)).toBe('087926ef9e2cbe0f28fd972f7ce2cfca');
    expect(signatureMatches('087926EF9E2CBE0F28FD972F7CE2CFCA', ROW_A_URL, ROW_A, SECRET)).toBe(true);
    expect(signatureMatches('087926ef9e2cbe0f28fd972f7ce2cfcb', ROW_A_URL, ROW_A, SECRET)).toBe(false);
    expect(signatureMatches('087926ef', ROW_A_URL, ROW_A, SECRET)).toBe(false);
  });
});

/** Row A as Meituan sends it: each value urlencoded, then the form encoded as a whole. */
const pushedForm = (params: Record<string, string>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, encodeURIComponent(v).replace(/%20/g, '+')])).toString();
const request = (params: Record<string, string>) => ({ method: 'POST', rawQuery: '', body: pushedForm(params), contentType: 'application/x-www-form-urlencoded' });
const account = { appId: '4411', pushUrl: ROW_A_URL, secret: SECRET };
const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

describe('a push', () => {
  const signed = { ...ROW_A, sig: '087926ef9e2cbe0f28fd972f7ce2cfca' };

  it('is read with each value decoded twice, from the query and the body together', () => {
    const params = pushParams(request({ ...signed, recipient_address: '南京东路 1号+2' }));
    expect(params.detail).toBe(ROW_A.detail);
    expect(params.recipient_address).toBe('南京东路 1号+2');
    expect(pushParams({ method: 'GET', rawQuery: pushedForm({ order_id: '1' }), body: pushedForm({ status: '9' }), contentType: undefined })).toEqual({ order_id: '1', status: '9' });
    expect(() => pushParams({ method: 'GET', rawQuery: 'a=1', body: 'a=2', contentType: 'application/x-www-form-urlencoded' })).toThrow(PushUnverifiedError);
    expect(() => pushParams({ method: 'POST', rawQuery: '', body: '{"order_id":1}', contentType: 'application/json' })).toThrow(PushUnverifiedError);
  });

  it('verifies over the registered URL within 600 s either way, and not a second past', () => {
    const push = { appId: '4411', params: pushParams(request(signed)), urlCheck: false };
    expect(() => verifyMeituanPush(push, account, at(1700000000 + 600))).not.toThrow();
    expect(() => verifyMeituanPush(push, account, at(1700000000 - 600))).not.toThrow();
    expect(() => verifyMeituanPush(push, account, at(1700000000 + 601))).toThrow(PushUnverifiedError);
    expect(() => verifyMeituanPush(push, { ...account, pushUrl: 'http://hooks.storefleet.example/mt/order/paid' }, at(1700000000))).toThrow(PushUnverifiedError);
    expect(() => verifyMeituanPush(push, { ...account, secret: 'another' }, at(1700000000))).toThrow(PushUnverifiedError);
    expect(() => verifyMeituanPush(push, { ...account, appId: '4412' }, at(1700000000))).toThrow(PushUnverifiedError);
  });

  it('is refused when a signed value is changed, or sig, timestamp or app_id is missing', () => {
    const tampered = { appId: '4411', params: { ...pushParams(request(signed)), status: '4' }, urlCheck: false };
    expect(() => verifyMeituanPush(tampered, account, at(1700000000))).toThrow(/could not be verified/);
    for (const missing of ['sig', 'timestamp', 'app_id'] as const) {
      const rest: Record<string, string> = { ...signed };
      delete rest[missing];
      expect(() => verifyMeituanPush({ appId: rest.app_id, params: rest, urlCheck: false }, account, at(1700000000))).toThrow(PushUnverifiedError);
    }
  });

  it('says which push it is from its fields, keeping order ids as text', () => {
    const order = interpretMeituanPush({ appId: '4411', params: ROW_A, urlCheck: false });
    expect(order).toEqual({
      kind: 'order',
      order: { platformOrderId: '27061900338318741', storeCode: 'sf-sh-0001', status: { rank: 2, stage: 'new' }, lines: [{ name: '可乐330ml', quantity: 2, skuCode: 'SF-COLA-330', spuCode: 'SPU-COLA' }], displayId: '27061900338318741' },
    });
    const of = (params: Record<string, string>) => interpretMeituanPush({ appId: '4411', params, urlCheck: false });
    expect(of({ ...ROW_A, status: '8' })).toMatchObject({ kind: 'progress', status: { stage: 'completed' }, key: 'status:8' });
    expect(of({ order_id: '27061900338318741', reason_code: '1101', reason: '用户取消' })).toMatchObject({ kind: 'cancelled', reason: 'Meituan 1101: 用户取消' });
    expect(of({ ...ROW_A, status: '9' })).toMatchObject({ kind: 'cancelled' });
    expect(of({ order_id: '1', refund_id: 'r1', notify_type: 'agree' })).toMatchObject({ kind: 'refund', agreed: true, full: true, key: 'refund:r1:agree' });
    expect(of({ order_id: '1', refund_id: 'r1', notify_type: 'agree', food: '[]' })).toMatchObject({ kind: 'refund', full: false });
    expect(of({ order_id: '1', logistics_status: '20' })).toMatchObject({ kind: 'other' });
    expect(of({})).toEqual({ kind: 'check' });
  });

  it('keeps a numeric sku_id or upc past 2^53 digit for digit', () => {
    expect(detailLines('[{"sku_id":27061900338318741,"upc":6901234567892,"quantity":1}]')).toEqual([{ name: '', quantity: 1, skuCode: '27061900338318741', upc: '6901234567892' }]);
    expect(detailLines('[{"sku_id":"","app_food_code":"SPU-1","quantity":3}]')).toEqual([{ name: '', quantity: 3, spuCode: 'SPU-1' }]);
  });
});

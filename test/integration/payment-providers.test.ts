// A chain's payment provider accounts through the API: every chain starts in sandbox mode, with
// merchant ids and credentials from the local sandboxes that the provider's own SDK accepts;
// live credentials are validated in the provider's terms, stored encrypted, never shown, audited;
// a bad change is a 4xx that writes nothing.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { AlipaySdk } from 'alipay-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newUser, type TestTenant } from '../support/api.ts';
import { pricingKit, type PricedChain } from '../support/pricing.ts';
import { ok, placeOrder, stockedChain } from '../support/orders.ts';

const { tenant, refused } = pricingKit();
let t: TestTenant;
let c: PricedChain;

beforeAll(async () => {
  t = await tenant('providers');
  c = await stockedChain(t, 10);
}, 120_000);

const providers = async (token = t.token) => ok('providers', await call('GET', '/v1/payment-providers', { token })).data as Record<string, any>[];
const put = (provider: string, body: unknown, token = t.token) => call('PUT', `/v1/payment-providers/${provider}`, { token, body });
const pem = (kind: 'private' | 'public') => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return kind === 'private' ? privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() : publicKey.export({ type: 'spki', format: 'pem' }).toString();
};

describe('payment provider accounts', () => {
  it('start in sandbox mode, with the sandbox merchants the provider SDKs accept', async () => {
    const list = await providers();
    expect(list.map((p) => [p.provider, p.mode, p.status, p.updatedAt])).toEqual([
      ['wechat', 'sandbox', 'active', null],
      ['alipay', 'sandbox', 'active', null],
      ['unionpay', 'sandbox', 'unavailable', null],
      ['ecny', 'sandbox', 'unavailable', null],
      ['jdpay', 'sandbox', 'unavailable', null],
    ]);
    const alipay = ok('sandbox credentials', await call('GET', '/v1/payment-providers/alipay/sandbox-credentials', { token: t.token }));
    expect(alipay).toEqual({ appId: list[1]!.merchantId, appPrivateKey: expect.stringContaining('PRIVATE KEY'), alipayPublicKey: expect.stringContaining('PUBLIC KEY'), gateway: expect.stringMatching(/\/_sandbox\/alipay\/gateway\.do$/) });
    // What a developer does with them: point the official SDK at the sandbox, as the merchant.
    const sdk = new AlipaySdk({ appId: alipay.appId, privateKey: alipay.appPrivateKey, alipayPublicKey: alipay.alipayPublicKey, gateway: alipay.gateway, keyType: 'PKCS8', camelcase: false });
    expect(await sdk.exec('alipay.trade.query', { bizContent: { out_trade_no: 'nothing-yet' } }, { validateSign: true })).toMatchObject({ code: '40004', sub_code: 'ACQ.TRADE_NOT_EXIST' });
    const wechat = ok('sandbox credentials', await call('GET', '/v1/payment-providers/wechat/sandbox-credentials', { token: t.token }));
    expect(wechat).toMatchObject({ mchId: list[0]!.merchantId, appId: expect.stringMatching(/^wx[0-9a-f]{16}$/), apiKey: expect.stringMatching(/^[0-9a-f]{32}$/), gateway: expect.stringMatching(/\/_sandbox\/wechat\/$/) });
    expect((await call('GET', '/v1/payment-providers/jdpay/sandbox-credentials', { token: t.token })).status).toBe(404);
  });

  it('take live credentials in the provider’s terms, stored encrypted and never shown, and audit the change', async () => {
    const credentials = { appId: '2021009876543210', appPrivateKey: pem('private'), alipayPublicKey: pem('public') };
    const live = ok('live alipay', await put('alipay', { mode: 'live', credentials }));
    expect(live).toEqual({ provider: 'alipay', mode: 'live', merchantId: '2021009876543210', status: 'active', updatedAt: expect.any(String) });
    const listed = JSON.stringify(await providers());
    expect(listed).not.toContain('PRIVATE KEY');
    expect((await providers())[1]).toEqual(live);
    // Live: there is no sandbox merchant to show.
    expect((await call('GET', '/v1/payment-providers/alipay/sandbox-credentials', { token: t.token })).status).toBe(404);
    const audit = ok('audit', await call('GET', '/v1/audit?limit=20', { token: t.token })).data.find((e: any) => e.action === 'payment_provider.set');
    expect(audit).toMatchObject({ target: { type: 'paymentProvider', id: 'alipay' }, before: { mode: 'sandbox', merchantId: null }, after: { mode: 'live', merchantId: '2021009876543210' } });
    expect(JSON.stringify(audit)).not.toContain('PRIVATE KEY');

    // Back to the sandbox: till payments by Alipay code go through it again.
    expect(ok('sandbox alipay', await put('alipay', { mode: 'sandbox' }))).toMatchObject({ mode: 'sandbox', status: 'active' });
    const o = ok('order', await placeOrder(t.token, { storeId: c.stores.e1, channel: 'pos', lines: [{ skuId: c.skus.water, quantity: 1 }] }), 201);
    const paid = await call('POST', '/v1/payments', { token: t.token, body: { orderId: o.id, flow: 'barcode', authCode: `28${String(Date.now()).slice(-12)}5555` }, headers: { 'idempotency-key': randomUUID() } });
    expect(paid.body).toMatchObject({ status: 'succeeded', provider: 'alipay' });
  });

  it('refuses bad changes with nothing written, and anyone but HQ', async () => {
    await refused(() => put('alipay', { mode: 'live' }), 400, 'validation_failed');
    const res = await refused(() => put('alipay', { mode: 'live', credentials: { appId: '12', appPrivateKey: 'not a key', alipayPublicKey: pem('public') } }), 400, 'validation_failed');
    expect(res.body.error.details.map((d: any) => d.path).sort()).toEqual(['body.credentials.appId', 'body.credentials.appPrivateKey']);
    await refused(() => put('wechat', { mode: 'live', credentials: { appId: 'wx0123456789abcdef' } }), 400, 'validation_failed');
    await refused(() => put('alipay', { mode: 'sandbox', credentials: { appId: '2021009876543210' } }), 400, 'validation_failed');
    await refused(() => put('paypal', { mode: 'sandbox' }), 400, 'validation_failed');
    const manager = await newUser(t, 'store_manager', [c.stores.e1]);
    expect((await put('alipay', { mode: 'sandbox' }, manager.token)).status).toBe(403);
    expect((await call('GET', '/v1/payment-providers', { token: manager.token })).status).toBe(403);
  });
});

// Merchant credentials in sandbox mode. In the local cloud every tenant starts in sandbox mode for
// every provider (API.md), so each tenant is a merchant of each provider's sandbox from the start,
// with credentials both sides derive from the sandbox's secret: the merchant number from the
// tenant, the keys from the merchant number, as a provider's sandbox console would issue them.
// The sandbox needs no registry (any merchant number has exactly one key), and our functions need
// no stored secret for a sandbox merchant. Only the local cloud sets the secret; without it there
// is no sandbox mode (a deployed stage answers 404 for sandbox credentials). Alipay signs with RSA,
// whose keys cannot be derived from a secret: the local cloud makes one app key pair and one
// Alipay key pair at each start, every sandbox app id shares them, and the functions get the
// merchant's half (PAYMENT_SANDBOX_ALIPAY_KEYS).
import { createHmac, generateKeyPairSync } from 'node:crypto';

const derive = (secret: string, label: string): Buffer => createHmac('sha256', secret).update(label, 'utf8').digest();

const digits = (bytes: Buffer, n: number): string => {
  let out = '';
  for (let i = 0; out.length < n; i++) out += String(bytes[i % bytes.length]! % 10);
  return out;
};

export type WechatSandboxMerchant = { appId: string; mchId: string; apiKey: string };

/** The tenant's WeChat Pay merchant number at the sandbox: 10 digits, as WeChat's are. */
export const wechatSandboxMchId = (secret: string, tenantId: string): string => `19${digits(derive(secret, `wechat:mch:${tenantId}`), 8)}`;

/** The API v2 key (32 characters) and app id the sandbox holds for a merchant number. */
export const wechatSandboxMerchant = (secret: string, mchId: string): WechatSandboxMerchant => ({
  appId: `wx${derive(secret, `wechat:app:${mchId}`).toString('hex').slice(0, 16)}`,
  mchId,
  apiKey: derive(secret, `wechat:v2key:${mchId}`).toString('hex').slice(0, 32),
});

/** The tenant's Alipay app id at the sandbox: 16 digits starting 2021, as Alipay's are. */
export const alipaySandboxAppId = (secret: string, tenantId: string): string => `2021${digits(derive(secret, `alipay:app:${tenantId}`), 12)}`;

/** PEM keys: the app's pair (the merchant signs, the sandbox verifies) and Alipay's (the other way). */
export type AlipaySandboxKeys = { appPrivateKey: string; appPublicKey: string; alipayPrivateKey: string; alipayPublicKey: string };
/** What a merchant holds of them. */
export type AlipayMerchantKeys = Pick<AlipaySandboxKeys, 'appPrivateKey' | 'alipayPublicKey'>;

const rsaPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};

export const newAlipaySandboxKeys = (): AlipaySandboxKeys => {
  const app = rsaPair();
  const alipay = rsaPair();
  return { appPrivateKey: app.privateKey, appPublicKey: app.publicKey, alipayPrivateKey: alipay.privateKey, alipayPublicKey: alipay.publicKey };
};

/** The merchant's half as one environment value, and back. */
export const encodeMerchantKeys = (k: AlipayMerchantKeys): string => Buffer.from(JSON.stringify({ appPrivateKey: k.appPrivateKey, alipayPublicKey: k.alipayPublicKey })).toString('base64');
export const decodeMerchantKeys = (value: string): AlipayMerchantKeys => JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as AlipayMerchantKeys;

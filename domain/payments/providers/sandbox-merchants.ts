// Merchant credentials in sandbox mode. In the local cloud every tenant starts in sandbox mode for
// every provider (API.md), so each tenant is a merchant of each provider's sandbox from the start,
// with credentials both sides derive from the sandbox's secret: the merchant number from the
// tenant, the keys from the merchant number, as a provider's sandbox console would issue them.
// The sandbox needs no registry (any merchant number has exactly one key), and our functions need
// no stored secret for a sandbox merchant. Only the local cloud sets the secret; without it there
// is no sandbox mode (a deployed stage answers 404 for sandbox credentials).
import { createHmac } from 'node:crypto';

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

// The provider a tenant's payment goes to, with the tenant's merchant credentials. In the local
// cloud every tenant is in sandbox mode and reaches the providers' sandboxes as a merchant whose
// keys derive from the sandbox's secret (sandbox-merchants.ts). Live credentials, stored per
// tenant by PUT /v1/payment-providers/{provider}, are not connected yet: without a sandbox a
// wallet is unavailable (422 payment_method_unavailable), never silently something else.
import { PAYMENT_SANDBOX_ENV } from '../../shared/function-env.ts';
import { runtimeEnv } from '../../shared/runtime-env.ts';
import { PaymentMethodUnavailableError } from '../errors.ts';
import type { WalletProvider } from '../routing.ts';
import type { BarcodeProvider } from './provider.ts';
import { alipaySandboxAppId, decodeMerchantKeys, wechatSandboxMchId, wechatSandboxMerchant } from './sandbox-merchants.ts';
import { alipayBarcode } from './alipay/trade.ts';
import { wechatBarcode } from './wechat/micropay.ts';

/** The sandboxes' base URL, secret and Alipay merchant keys, when this is the local cloud. */
export const paymentSandbox = (): { url: string; secret: string; alipayKeys?: string } | undefined => {
  const env = runtimeEnv();
  const url = env[PAYMENT_SANDBOX_ENV.url];
  const secret = env[PAYMENT_SANDBOX_ENV.secret];
  return url && secret ? { url: url.replace(/\/+$/, ''), secret, alipayKeys: env[PAYMENT_SANDBOX_ENV.alipayKeys] } : undefined;
};

/** A tenant's merchant credentials at a provider's sandbox, as its console would show them, with the gateway; undefined where there is no sandbox. */
export const sandboxCredentialsOf = (tenantId: string, provider: WalletProvider): Record<string, string> | undefined => {
  const sandbox = paymentSandbox();
  if (sandbox && provider === 'wechat') return { ...wechatSandboxMerchant(sandbox.secret, wechatSandboxMchId(sandbox.secret, tenantId)), gateway: `${sandbox.url}/_sandbox/wechat/` };
  if (sandbox?.alipayKeys && provider === 'alipay')
    return { appId: alipaySandboxAppId(sandbox.secret, tenantId), ...decodeMerchantKeys(sandbox.alipayKeys), gateway: `${sandbox.url}/_sandbox/alipay/gateway.do` };
  return undefined;
};

/** The provider's adapter for a tenant in sandbox mode. */
export const barcodeProviderFor = (tenantId: string, provider: WalletProvider): BarcodeProvider => {
  const c = sandboxCredentialsOf(tenantId, provider);
  if (c && provider === 'wechat') return wechatBarcode({ appId: c.appId!, mchId: c.mchId!, apiKey: c.apiKey!, gateway: c.gateway! });
  if (c && provider === 'alipay') return alipayBarcode({ appId: c.appId!, appPrivateKey: c.appPrivateKey!, alipayPublicKey: c.alipayPublicKey!, gateway: c.gateway! });
  throw new PaymentMethodUnavailableError(provider);
};

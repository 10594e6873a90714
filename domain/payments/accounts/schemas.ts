// Payment provider accounts as HQ sets and sees them (API.md "Payments"): credentials in each
// provider's own terms, write-only; the list shows mode, merchant and status, never a secret.
import { z } from 'zod';
import { Timestamp } from '../../shared/fields.ts';
import { WALLETS } from '../routing.ts';
import { PROVIDER_MODES } from './provider-account-entity.ts';

export const ProviderPath = z.object({ provider: z.enum(WALLETS) });

const pem = (kind: string) => z.string().trim().regex(/^-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----$/, `a PEM ${kind}`).max(8_000);
const Digits = (n: string) => z.string().regex(/^\d{1,32}$/, `${n}: digits`);

export const WechatCredentials = z.object({
  appId: z.string().regex(/^wx[0-9a-f]{16}$/, 'wx and 16 hex digits'),
  mchId: Digits('the merchant number'),
  apiKey: z.string().regex(/^[A-Za-z0-9]{32}$/, 'the API v2 key: 32 letters and digits'),
  apiV3Key: z.string().regex(/^[A-Za-z0-9]{32}$/, 'the API v3 key: 32 letters and digits'),
  merchantPrivateKey: pem('private key'),
  merchantSerialNo: z.string().regex(/^[0-9A-Fa-f]{8,40}$/, 'the certificate serial number, hex'),
  platformCertificate: pem('certificate'),
});
export const AlipayCredentials = z.object({
  appId: z.string().regex(/^\d{16}$/, '16 digits'),
  appPrivateKey: pem('private key'),
  alipayPublicKey: pem('public key'),
});
export const CREDENTIALS = { wechat: WechatCredentials, alipay: AlipayCredentials } as const;
export type ProviderCredentials = z.infer<typeof WechatCredentials> | z.infer<typeof AlipayCredentials>;

export const ProviderAccountChange = z.object({
  mode: z.enum(PROVIDER_MODES),
  credentials: z.record(z.string(), z.string()).optional().describe("In the provider's own terms (API.md); write-only: stored encrypted, never returned. Required for live mode"),
});
export type ProviderAccountChange = z.infer<typeof ProviderAccountChange>;

export const ProviderAccountView = z
  .object({
    provider: z.enum(WALLETS),
    mode: z.enum(PROVIDER_MODES),
    merchantId: z.string().nullable(),
    status: z.enum(['active', 'unavailable']).describe('unavailable: payments by this provider are refused (payment_method_unavailable)'),
    updatedAt: Timestamp.nullable().describe('null while the provider is as the chain started with it'),
  })
  .meta({ id: 'PaymentProviderAccount' });
export type ProviderAccountView = z.output<typeof ProviderAccountView>;
export const ProviderAccountList = z.object({ data: z.array(ProviderAccountView) });

export const SandboxCredentialsView = z
  .record(z.string(), z.string())
  .describe("The merchant-side credentials as the provider's sandbox console shows them, with the gateway to point the provider's SDK at")
  .meta({ id: 'SandboxCredentials' });

// Which provider a scanned payment code belongs to (API.md "Auth-code routing"): each wallet's
// codes have their own length and leading digits, so the code alone names the provider. The
// table is data; these are API.md's defaults, which a tenant's configuration may replace.
import { ValidationError } from '../shared/errors.ts';
import type { PaymentFields } from './schemas.ts';

export const WALLETS = ['wechat', 'alipay', 'unionpay', 'ecny', 'jdpay'] as const;
export type WalletProvider = (typeof WALLETS)[number];
export const isWallet = (provider: string): provider is WalletProvider => (WALLETS as readonly string[]).includes(provider);
export type PrefixRule = { provider: WalletProvider; pattern: RegExp; says: string };

export const DEFAULT_PREFIXES: readonly PrefixRule[] = [
  { provider: 'wechat', pattern: /^1[0-5]\d{16}$/, says: '18 digits starting 10 to 15' },
  { provider: 'alipay', pattern: /^(2[5-9]|30)\d{14,22}$/, says: '16 to 24 digits starting 25 to 30' },
  { provider: 'unionpay', pattern: /^62\d{17}$/, says: '19 digits starting 62' },
  { provider: 'ecny', pattern: /^01\d{17}$/, says: '19 digits starting 01' },
];

/** The provider of a barcode payment: the code's, checked against the method when one is named. */
export const routeAuthCode = (fields: Pick<PaymentFields, 'authCode' | 'method'>, table: readonly PrefixRule[] = DEFAULT_PREFIXES): WalletProvider => {
  const code = fields.authCode ?? '';
  const rule = table.find((r) => r.pattern.test(code));
  if (!rule) throw new ValidationError([{ path: 'authCode', message: 'No wallet issues payment codes like this one' }], 'The payment code is not one a wallet issues');
  if (fields.method && fields.method !== 'auto' && fields.method !== rule.provider) {
    const named = table.find((r) => r.provider === fields.method);
    const message = `${/^[aeiou]/.test(fields.method) ? 'An' : 'A'} ${fields.method} payment code is ${named?.says ?? 'not a barcode'}; this one is ${rule.provider}'s`;
    throw new ValidationError([{ path: 'authCode', message }], message);
  }
  return rule.provider;
};

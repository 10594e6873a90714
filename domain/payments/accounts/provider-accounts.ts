// HQ's merchant accounts at the payment providers: PUT /v1/payment-providers/{provider} (audited),
// GET /v1/payment-providers, and in the local cloud the sandbox's merchant credentials. A chain
// starts in sandbox mode for every provider; live mode takes the provider's own credentials,
// validated in its terms and sealed under the manifest key with a context binding them to the
// tenant and provider, so they are never returned and a ciphertext moved elsewhere does not open.
import type { z } from 'zod';
import type { Clock } from '../../shared/clock.ts';
import type { Cipher } from '../../shared/crypto/cipher.ts';
import { DomainError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { retryOptimistically, RETRY } from '../../shared/optimistic-retry.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import { auditEntry } from '../../audit/audit.ts';
import type { StockService } from '../../inventory/stock-service.ts';
import { WALLETS, type WalletProvider } from '../routing.ts';
import { paymentSandbox, sandboxCredentialsOf } from '../providers/registry.ts';
import type { ProviderAccountItem } from './provider-account-entity.ts';
import { CREDENTIALS, type ProviderAccountChange, type ProviderAccountView, type ProviderCredentials } from './schemas.ts';

type Deps = { service: StockService; cipher: Cipher; clock: Clock };

/** Providers we can pay through live, with their real gateways (WeChat waits for its API v3 adapter). */
export const LIVE_PROVIDERS: readonly WalletProvider[] = ['alipay'];

export class ProviderAccountBusyError extends DomainError {
  constructor() {
    super('invalid_state', 'The provider account changed while this request was being made; send it again');
  }
}

export const credentialsContext = (tenantId: string, provider: WalletProvider) => ({ tenantId, record: `paymentProviderAccount/${provider}`, field: 'credentials' });

export const openCredentials = async (account: ProviderAccountItem, cipher: Cipher): Promise<ProviderCredentials> =>
  JSON.parse(await cipher.decrypt(account.credentialsCipher!, credentialsContext(account.tenantId, account.provider))) as ProviderCredentials;

export const readProviderAccount = async (tenantId: string, provider: WalletProvider, service: StockService): Promise<ProviderAccountItem | null> =>
  (await service.entities.paymentProviderAccount.get({ tenantId, provider }).go({ consistent: true })).data;

const viewOf = (tenantId: string, provider: WalletProvider, account: ProviderAccountItem | null): ProviderAccountView => {
  const mode = account?.mode ?? 'sandbox';
  const sandbox = mode === 'sandbox' ? sandboxCredentialsOf(tenantId, provider) : undefined;
  const available = mode === 'live' ? LIVE_PROVIDERS.includes(provider) : sandbox !== undefined;
  return { provider, mode, merchantId: account?.merchantId ?? sandbox?.mchId ?? sandbox?.appId ?? null, status: available ? 'active' : 'unavailable', updatedAt: account?.updatedAt ?? null };
};

export const listProviderAccounts = async (ctx: TenantContext, { service }: Pick<Deps, 'service'>): Promise<ProviderAccountView[]> => {
  const { data } = await service.entities.paymentProviderAccount.query.byProvider({ tenantId: ctx.tenantId }).go({ pages: 'all' });
  return WALLETS.map((p) => viewOf(ctx.tenantId, p, data.find((a) => a.provider === p) ?? null));
};

/** The credentials in the provider's own terms, or the 400 that says what is wrong with them. */
const parseCredentials = (provider: WalletProvider, change: ProviderAccountChange): ProviderCredentials | undefined => {
  if (change.mode === 'sandbox') {
    if (change.credentials) throw new ValidationError([{ path: 'body.credentials', message: "A sandbox merchant's credentials are the sandbox's: send none" }]);
    return undefined;
  }
  if (!LIVE_PROVIDERS.includes(provider)) throw new ValidationError([{ path: 'params.provider', message: `${provider} has no live connection yet` }]);
  if (!change.credentials) throw new ValidationError([{ path: 'body.credentials', message: 'Live mode needs the merchant credentials' }]);
  const parsed = (CREDENTIALS[provider as keyof typeof CREDENTIALS] as z.ZodType<ProviderCredentials>).safeParse(change.credentials);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ path: ['body', 'credentials', ...i.path.map(String)].join('.'), message: i.message })));
  return parsed.data;
};

const merchantIdOf = (c: ProviderCredentials): string => ('mchId' in c ? c.mchId : c.appId);

export const setProviderAccount = async (ctx: TenantContext, provider: WalletProvider, change: ProviderAccountChange, deps: Deps): Promise<ProviderAccountView> => {
  const credentials = parseCredentials(provider, change);
  const { tenantId } = ctx;
  return retryOptimistically(4, () => new ProviderAccountBusyError(), async () => {
    const current = await readProviderAccount(tenantId, provider, deps.service);
    const at = deps.clock.now();
    const next: ProviderAccountItem = {
      tenantId,
      provider,
      mode: change.mode,
      ...(credentials ? { merchantId: merchantIdOf(credentials), credentialsCipher: await deps.cipher.encrypt(JSON.stringify(credentials), credentialsContext(tenantId, provider)) } : {}),
      updatedAt: at.toISOString(),
      updatedBy: ctx.userId,
      version: (current?.version ?? 0) + 1,
    };
    const summary = (a: ProviderAccountItem | null) => (a ? { mode: a.mode, merchantId: a.merchantId ?? null } : undefined);
    const { canceled } = await deps.service.transaction
      .write((e) => [
        e.paymentProviderAccount
          .put(next)
          .where((a, { eq, notExists }) => (current ? eq(a.version, current.version) : notExists(a.mode)))
          .commit(),
        e.auditEntry.create(auditEntry(ctx, { action: 'payment_provider.set', targetType: 'paymentProvider', targetId: provider, before: summary(current) ?? { mode: 'sandbox', merchantId: null }, after: summary(next) }, at)).commit(),
      ])
      .go();
    return canceled ? RETRY : viewOf(tenantId, provider, next);
  });
};

/** The sandbox's merchant credentials for a chain in sandbox mode; anything else is not found. */
export const sandboxCredentials = async (ctx: TenantContext, provider: WalletProvider, { service }: Pick<Deps, 'service'>): Promise<Record<string, string>> => {
  if (!paymentSandbox()) throw new NotFoundError('sandbox');
  const account = await readProviderAccount(ctx.tenantId, provider, service);
  const credentials = account?.mode === 'live' ? undefined : sandboxCredentialsOf(ctx.tenantId, provider);
  if (!credentials) throw new NotFoundError('sandbox');
  return credentials;
};

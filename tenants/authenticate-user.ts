// Password sign-in: slug -> tenant, email -> user, then the identity provider checks the password
// and issues the token. Every failure is the same 401, so a caller cannot tell which of tenant,
// email or password was wrong; repeated attempts at one email from one source are refused for a
// while (sign-in-guard.ts).
import { z } from 'zod';
import { UnauthenticatedError } from '../domain/shared/errors.ts';
import type { Clock } from '../domain/shared/clock.ts';
import type { TenancyService } from './store.ts';
import type { AccessToken, Caller, IdentityProvider } from './identity/identity-provider.ts';
import { admitAttempt, clearAttempts } from './sign-in-guard.ts';

export const TokenRequest = z.object({
  tenant: z.string().min(1).max(40),
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(128),
});
export type TokenRequest = z.infer<typeof TokenRequest>;

/** `platform` resolves the slug; `tenancyOf` reaches that tenant's users. */
type Deps = { platform: TenancyService; tenancyOf: (tenantId: string) => Promise<TenancyService>; identity: IdentityProvider; clock: Clock };

const wrongCredentials = () => new UnauthenticatedError('The tenant, email or password is wrong');

const activeTenant = async (slug: string, { platform, tenancyOf }: Pick<Deps, 'platform' | 'tenancyOf'>) => {
  const tenantId = (await platform.entities.tenantSlug.get({ slug }).go({ consistent: true })).data?.tenantId;
  if (!tenantId) return undefined;
  const service = await tenancyOf(tenantId);
  const owner = (await service.entities.tenant.get({ tenantId }).go({ consistent: true })).data;
  return owner?.status === 'active' ? { tenantId, service } : undefined;
};

const findLogin = async (tenantId: string, email: string, service: TenancyService) => {
  const userId = (await service.entities.userEmail.get({ tenantId, email }).go({ consistent: true })).data?.userId;
  if (!userId) return undefined;
  const account = (await service.entities.user.get({ tenantId, userId }).go({ consistent: true })).data;
  return account ? { ...account, storeIds: account.storeIds ?? [] } : undefined;
};

export const signIn = async (input: TokenRequest, caller: Caller, deps: Deps): Promise<AccessToken> => {
  const tenant = await activeTenant(input.tenant, deps);
  if (!tenant) {
    // Still pay for a password check, so an unknown chain answers as slowly as a known one.
    await deps.identity.signIn(undefined, input.password, caller);
    throw wrongCredentials();
  }
  const { tenantId, service } = tenant;
  const key = { tenantId, email: input.email, source: caller.ipAddress };
  const guard = { service, clock: deps.clock };
  // Counted before the password is checked: see sign-in-guard.ts.
  await admitAttempt(key, guard);
  const token = await deps.identity.signIn(await findLogin(tenantId, input.email, service), input.password, caller);
  if (!token) throw wrongCredentials();
  await clearAttempts(key, guard);
  return token;
};

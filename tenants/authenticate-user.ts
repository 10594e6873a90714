// Password sign-in: slug -> tenant, email -> user, then the identity provider checks the password
// and issues the token. Every failure is the same 401, so a caller cannot tell which of tenant,
// email or password was wrong.
import { z } from 'zod';
import { UnauthenticatedError } from '../domain/shared/errors.ts';
import type { TenancyService } from './store.ts';
import type { AccessToken, Caller, IdentityProvider } from './identity/identity-provider.ts';

export const TokenRequest = z.object({
  tenant: z.string().min(1).max(40),
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(128),
});
export type TokenRequest = z.infer<typeof TokenRequest>;

const wrongCredentials = () => new UnauthenticatedError('The tenant, email or password is wrong');

const findLogin = async (input: TokenRequest, service: TenancyService) => {
  const { tenantSlug, tenant, userEmail, user } = service.entities;
  const tenantId = (await tenantSlug.get({ slug: input.tenant }).go({ consistent: true })).data?.tenantId;
  if (!tenantId) return undefined;
  const owner = (await tenant.get({ tenantId }).go({ consistent: true })).data;
  if (owner?.status !== 'active') return undefined;
  const userId = (await userEmail.get({ tenantId, email: input.email }).go({ consistent: true })).data?.userId;
  if (!userId) return undefined;
  const account = (await user.get({ tenantId, userId }).go({ consistent: true })).data;
  return account ? { ...account, storeIds: account.storeIds ?? [] } : undefined;
};

export const signIn = async (
  input: TokenRequest,
  caller: Caller,
  deps: { service: TenancyService; identity: IdentityProvider },
): Promise<AccessToken> => {
  const token = await deps.identity.signIn(await findLogin(input, deps.service), input.password, caller);
  if (!token) throw wrongCredentials();
  return token;
};

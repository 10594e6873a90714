// Password login: slug -> tenant, email -> user, scrypt check. Every failure is the same 401 so a
// caller cannot tell which of tenant, email or password was wrong.
import { z } from 'zod';
import { UnauthenticatedError } from '../domain/shared/errors.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import type { TenancyService } from './store.ts';
import type { TenantContext } from './tenant-context.ts';

export const TokenRequest = z.object({
  tenant: z.string().min(1).max(40),
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(128),
});
export type TokenRequest = z.infer<typeof TokenRequest>;

const wrongCredentials = () => new UnauthenticatedError('The tenant, email or password is wrong');

export const authenticateUser = async (input: TokenRequest, { service }: { service: TenancyService }): Promise<TenantContext> => {
  const { tenantSlug, tenant, userEmail, user } = service.entities;
  const slug = await tenantSlug.get({ slug: input.tenant }).go({ consistent: true });
  const tenantId = slug.data?.tenantId;
  const login = tenantId ? await userEmail.get({ tenantId, email: input.email }).go({ consistent: true }) : undefined;
  const userId = login?.data?.userId;
  const found = tenantId && userId ? await user.get({ tenantId, userId }).go({ consistent: true }) : undefined;
  const account = found?.data;

  const valid = await verifyPassword(input.password, account?.passwordHash ?? (await decoyHash()));
  if (!account || !valid) throw wrongCredentials();

  const owner = await tenant.get({ tenantId: account.tenantId }).go({ consistent: true });
  if (owner.data?.status !== 'active') throw wrongCredentials();
  return { tenantId: account.tenantId, userId: account.userId, role: account.role, storeIds: account.storeIds ?? [] };
};

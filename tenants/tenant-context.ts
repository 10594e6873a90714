// Who is calling, for which tenant. Built only from verified token claims (or, for terminals,
// from the IoT thing's registered attributes); never from a body, path or query.
import { z } from 'zod';
import { ROLES, type TenantContext } from '../domain/shared/tenancy.ts';
import { UnauthenticatedError } from '../domain/shared/errors.ts';
import { idPattern } from '../domain/shared/ids.ts';

/** API Gateway hands list claims over as "[a b]" strings; Cognito attributes are "a,b"; local tokens keep arrays. */
const listClaim = z.union([
  z.array(z.string()),
  z.string().transform((s) => s.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean)),
]);

const Claims = z.object({
  sub: z.string().min(1),
  /** Cognito's `sub` is its own UUID; our user id then comes in this claim. */
  userId: z.string().regex(idPattern('user')).optional(),
  tenantId: z.string().regex(idPattern('tenant')),
  role: z.enum(ROLES),
  storeIds: listClaim.optional(),
});

export const tenantContextFromClaims = (claims: unknown): TenantContext => {
  const parsed = Claims.safeParse(claims);
  if (!parsed.success) throw new UnauthenticatedError('The token does not carry a valid tenant identity');
  const { sub, userId, tenantId, role, storeIds } = parsed.data;
  return { tenantId, userId: userId ?? sub, role, storeIds: storeIds ?? [] };
};

// The claims every access token carries beyond the standard ones, whoever issues it: the local
// identity provider builds them from our user, Cognito's pre-token-generation trigger from the
// user's attributes. One mapping, so both clouds hand the API the same identity.
import type { Role } from '../../domain/shared/tenancy.ts';

export type TenantLogin = { tenantId: string; userId: string; email: string; role: Role; storeIds: readonly string[] };

export const tokenClaims = (login: Pick<TenantLogin, 'tenantId' | 'userId' | 'role' | 'storeIds'>) => ({
  tenantId: login.tenantId,
  role: login.role,
  storeIds: [...login.storeIds],
  // Cognito's `sub` is its own UUID, so the user id travels in a claim of its own.
  userId: login.userId,
});

/** Cognito user attributes as the platform writes them (see cognito-identity-provider.ts). */
export const COGNITO_ATTRIBUTES = { tenantId: 'custom:tenantId', role: 'custom:role', storeIds: 'custom:storeIds' } as const;

export const cognitoAttributes = (login: TenantLogin) => [
  { Name: 'email', Value: login.email },
  { Name: 'email_verified', Value: 'true' },
  { Name: COGNITO_ATTRIBUTES.tenantId, Value: login.tenantId },
  { Name: COGNITO_ATTRIBUTES.role, Value: login.role },
  { Name: COGNITO_ATTRIBUTES.storeIds, Value: login.storeIds.join(',') },
];

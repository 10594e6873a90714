// Cognito pre-token-generation (V2): copies the platform-set attributes into the access token as
// the claims the API reads (tenantId, role, storeIds, userId), through the same mapping the local
// identity provider uses.
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { COGNITO_ATTRIBUTES, tokenClaims } from '../../tenants/identity/claims.ts';
import { ROLES, type Role } from '../../domain/shared/tenancy.ts';

const isRole = (value: string | undefined): value is Role => (ROLES as readonly string[]).includes(value ?? '');

export const handler = async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
  const attributes = event.request.userAttributes;
  const tenantId = attributes[COGNITO_ATTRIBUTES.tenantId];
  const role = attributes[COGNITO_ATTRIBUTES.role];
  // A login the platform did not create carries no tenant: its token gets no tenant claims and
  // the API answers it 401.
  if (!tenantId || !isRole(role)) return event;
  const storeIds = (attributes[COGNITO_ATTRIBUTES.storeIds] ?? '').split(',').filter(Boolean);
  // The trigger's claim values are strings; the API reads a comma list of stores as readily as an array.
  const claims = { ...tokenClaims({ tenantId, role, storeIds, userId: event.userName }), storeIds: storeIds.join(',') };
  event.response = {
    claimsAndScopeOverrideDetails: {
      // Without the admin scope the token cannot call Cognito's own user APIs: a user changes
      // email, password or MFA only through the platform, which knows about it.
      accessTokenGeneration: { claimsToAddOrOverride: claims, scopesToSuppress: ['aws.cognito.signin.user.admin'] },
      idTokenGeneration: { claimsToAddOrOverride: claims },
    },
  };
  return event;
};

// Establishes the tenant context from the verified JWT claims and enforces the route's access
// rule from the manifest (HTTP_ACCESS). The API's JWT authorizer has already checked the signature.
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ForbiddenError, UnauthenticatedError } from '../../domain/shared/errors.ts';
import { tenantContextFromClaims } from '../../tenants/tenant-context.ts';
import { ROLES, type Role } from '../../domain/shared/tenancy.ts';
import { logger } from './logger.ts';
import type { HttpContext } from './http-context.ts';

export type Access = { kind: 'public' } | { kind: 'signedIn' } | { kind: 'roles'; roles: readonly Role[] };

export const parseAccess = (value: string): Access => {
  if (value === 'public' || value === 'signedIn') return { kind: value };
  const roles = value.split(',');
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0 || roles.length === 0) throw new Error(`HTTP_ACCESS has unknown roles: ${value}`);
  return { kind: 'roles', roles: roles as Role[] };
};

export const authenticate = (
  access: Access,
): middy.MiddlewareObj<APIGatewayProxyEventV2WithJWTAuthorizer, unknown, Error, HttpContext> => ({
  before: async ({ event, context }) => {
    if (access.kind === 'public') return;
    const claims = event.requestContext.authorizer?.jwt?.claims;
    if (!claims) throw new UnauthenticatedError();
    const tenant = tenantContextFromClaims(claims);
    logger.appendKeys({ tenantId: tenant.tenantId, userId: tenant.userId, role: tenant.role });
    if (access.kind === 'roles' && !access.roles.includes(tenant.role)) throw new ForbiddenError();
    context.storefleet.tenant = tenant;
  },
});

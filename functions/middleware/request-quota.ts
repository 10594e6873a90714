// Admits every signed-in request against its tenant's per-second quota before the handler runs:
// usually from the instance's leased block of tokens, with no DynamoDB call (tenants/request-quota.ts).
// Public routes have no tenant; they are guarded by stage throttling and their own limits.
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { systemClock } from '../../domain/shared/clock.ts';
import { tenantRoute } from '../../tenants/data-access.ts';
import { admitRequest } from '../../tenants/request-quota.ts';
import type { HttpContext } from './http-context.ts';
import type { TenantContext } from '../../domain/shared/tenancy.ts';

/** Admits one request of the tenant or throws 429 rate_limited. */
export type Admit = (tenant: TenantContext) => Promise<void>;

const admitByTier: Admit = async ({ tenantId }) => {
  const { tier } = await tenantRoute(tenantId);
  await admitRequest(tenantId, tier, { clock: systemClock });
};

export const requestQuota = (admit: Admit = admitByTier): middy.MiddlewareObj<APIGatewayProxyEventV2WithJWTAuthorizer, unknown, Error, HttpContext> => ({
  before: async ({ context }) => {
    const tenant = context.storefleet.tenant;
    if (tenant) await admit(tenant);
  },
});

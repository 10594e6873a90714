// Counts every signed-in request against its tenant's per-second quota before the handler runs.
// Public routes have no tenant; they are guarded by stage throttling and their own limits.
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { systemClock } from '../../domain/shared/clock.ts';
import { tenantRoute } from '../../tenants/data-access.ts';
import { admitRequest } from '../../tenants/request-quota.ts';
import type { HttpContext } from './http-context.ts';

export const requestQuota = (): middy.MiddlewareObj<APIGatewayProxyEventV2WithJWTAuthorizer, unknown, Error, HttpContext> => ({
  before: async ({ context }) => {
    const tenant = context.storefleet.tenant;
    if (!tenant) return;
    const { tier } = await tenantRoute(tenant.tenantId);
    await admitRequest(tenant.tenantId, tier, { clock: systemClock });
  },
});

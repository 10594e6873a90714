// What the edge middlewares hand to a handler alongside the raw event.
import type { Context } from 'aws-lambda';
import type { TenantContext } from '../../domain/shared/tenancy.ts';

export type HttpContext = Context & {
  storefleet: { tenant?: TenantContext; body?: unknown; query?: unknown; path?: unknown };
};

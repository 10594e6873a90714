// Who sees a transfer or a replenishment order: tenant-wide roles all of them, store staff those
// with one end at their own stores. Anything else answers 404, as another tenant's would.
// (Locations and SKUs named in requests are checked by request-checks.ts, as every stock route.)
import { NotFoundError } from '../../shared/errors.ts';
import { isStoreScoped, type TenantContext } from '../../shared/tenancy.ts';

export const canSee = (ctx: TenantContext, ...locationIds: string[]): boolean => !isStoreScoped(ctx) || locationIds.some((id) => ctx.storeIds.includes(id));

export const requireVisible = <T>(ctx: TenantContext, what: string, found: T | undefined | null, ...ends: (keyof T)[]): T => {
  if (!found || !canSee(ctx, ...ends.map((k) => String(found[k])))) throw new NotFoundError(what);
  return found;
};

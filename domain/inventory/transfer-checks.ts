// What transfers, stocktakes and replenishment orders check before they touch the ledger: the
// locations named (requireLocation's 404s, and warehouses are HQ-run, so store staff get 403 there)
// and that every SKU is the chain's own (400 naming each line that is not).
import { requireLocation, type Location } from '../catalog/locations.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { isStoreScoped, type TenantContext } from '../shared/tenancy.ts';
import { batchGet } from './level-reads.ts';
import type { StockService } from './stock-service.ts';

type Deps = { service: StockService };

/** A location the caller may move stock at: any for tenant-wide roles, their own stores for store staff. */
export const requireSite = async (ctx: TenantContext, locationId: string, deps: Deps): Promise<Location> => {
  const location = await requireLocation(ctx, locationId, deps);
  if (location.type === 'warehouse' && isStoreScoped(ctx)) throw new ForbiddenError('Warehouses are run by HQ; store staff act at their own stores');
  return location;
};

/** Whether the caller may see a document between two locations: tenant-wide roles always, store staff when one end is theirs. */
export const canSee = (ctx: TenantContext, ...locationIds: string[]): boolean => !isStoreScoped(ctx) || locationIds.some((id) => ctx.storeIds.includes(id));

/** The caller may see the document, or it does not exist for them (404, as another tenant's). */
export const requireVisible = <T>(ctx: TenantContext, what: string, found: T | undefined | null, ...ends: (keyof T)[]): T => {
  if (!found || !canSee(ctx, ...ends.map((k) => String(found[k])))) throw new NotFoundError(what);
  return found;
};

/** Every SKU named must be one of the chain's; `path` says where the lines were in the request. */
export const requireSkus = async (ctx: TenantContext, skuIds: readonly string[], path: string, { service }: Deps): Promise<void> => {
  if (skuIds.length === 0) return;
  const found = await batchGet(
    skuIds.map((skuId) => ({ tenantId: ctx.tenantId, skuId })),
    (keys) => service.entities.sku.get(keys).go(),
  );
  const known = new Set(found.map((s) => s.skuId));
  const problems = skuIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: `${path}.${i}.skuId`, message: 'No such SKU in this chain' }]));
  if (problems.length) throw new ValidationError(problems);
};

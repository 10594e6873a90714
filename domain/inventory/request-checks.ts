// What a stock request may name. Locations resolve through the catalog's requireLocation (another
// tenant's, a store the caller does not work at, or no such location: 404). Warehouses serve the
// whole chain: store staff may read their stock but change it only at their own stores (403).
// SKUs must be the chain's own (400 naming the line): a SKU is never deleted, so a read is enough.
import { ForbiddenError, ValidationError } from '../shared/errors.ts';
import { isStoreScoped, type TenantContext } from '../shared/tenancy.ts';
import { requireLocation, type Location } from '../catalog/locations.ts';
import type { StockService } from './stock-service.ts';

type Deps = { service: StockService };

export const requireStockLocation = async (ctx: TenantContext, locationId: string, access: 'read' | 'write', deps: Deps): Promise<Location> => {
  const location = await requireLocation(ctx, locationId, deps);
  if (access === 'write' && location.type === 'warehouse' && isStoreScoped(ctx)) throw new ForbiddenError('Store staff change stock at their own stores only');
  return location;
};

/** Refuses the request, naming each line, unless every SKU is the chain's. */
export const requireSkus = async (ctx: TenantContext, skuIds: readonly string[], path: string, { service }: Deps): Promise<void> => {
  if (skuIds.length === 0) return;
  const { data } = await service.entities.sku.get(skuIds.map((skuId) => ({ tenantId: ctx.tenantId, skuId }))).go({ attributes: ['skuId'] });
  const known = new Set(data.map((s) => s.skuId));
  const problems = skuIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: `${path}.${i}.skuId`, message: 'No such SKU in this chain' }]));
  if (problems.length) throw new ValidationError(problems);
};

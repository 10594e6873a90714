// Finding SKUs. A barcode scan is the POS hot path: exactly one GetItem of the barcode item,
// which carries the SKU's whole view; a code lookup is the same through the code item. Both read
// consistently so a SKU HQ has just created scans at once (1 RCU for an item under 4 KB).
import type { TenantContext } from '../shared/tenancy.ts';
import type { CatalogService } from './catalog-service.ts';
import { normalizeBarcode } from './barcode.ts';
import type { SkuQuery } from './product-schemas.ts';
import { searchSkus } from './sku-search.ts';
import { skuView, type SkuRecord } from './sku-view.ts';
import type { SkuPage } from './views.ts';

type Deps = { service: CatalogService };
type SkuList = SkuPage;

const one = (item: SkuRecord | null): SkuList => ({ data: item ? [skuView(item)] : [], nextCursor: null });

export const findSkuByBarcode = async (ctx: TenantContext, barcode: string, { service }: Deps): Promise<SkuList> => {
  const { data } = await service.entities.skuBarcode.get({ tenantId: ctx.tenantId, normalizedBarcode: normalizeBarcode(barcode) }).go({ consistent: true });
  return one(data as SkuRecord | null);
};

export const findSkuByCode = async (ctx: TenantContext, code: string, { service }: Deps): Promise<SkuList> => {
  const { data } = await service.entities.skuCode.get({ tenantId: ctx.tenantId, code }).go({ consistent: true });
  return one(data as SkuRecord | null);
};

export const listSkus = async (ctx: TenantContext, query: SkuQuery, deps: Deps): Promise<SkuList> => {
  if (query.barcode !== undefined) return findSkuByBarcode(ctx, query.barcode, deps);
  if (query.code !== undefined) return findSkuByCode(ctx, query.code, deps);
  return searchSkus(ctx, { q: query.q, limit: query.limit, cursor: query.cursor }, deps.service);
};

// Products and their SKUs: creating them (audited, one catalog version each), reading one, and
// renaming, re-filing or archiving one, which rewrites every SKU's denormalised view with it.
import { NotFoundError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import type { CatalogService } from './catalog-service.ts';
import { commitCatalogChange } from './catalog-version.ts';
import { requireCategory } from './categories.ts';
import type { NewProduct, ProductPatch } from './product-schemas.ts';
import { clashError, newProductRecords, newSkuWrites, skuViewRewrites, type ProductRecord } from './product-writes.ts';
import { displayName, skuView, type SkuRecord } from './sku-view.ts';
import type { z } from 'zod';
import type { ProductView, ProductWrite } from './views.ts';

type Deps = { service: CatalogService; clock: Clock };

export const productView = (p: Omit<ProductRecord, 'tenantId' | 'skuIds'>, skus: readonly SkuRecord[]): ProductView => ({
  id: p.productId,
  name: p.name,
  categoryId: p.categoryId ?? null,
  brand: p.brand ?? null,
  status: p.status,
  skus: skus.map(skuView),
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

const audited = (p: Pick<ProductRecord, 'name' | 'categoryId' | 'brand' | 'status'>) => ({ name: p.name, categoryId: p.categoryId ?? null, brand: p.brand ?? null, status: p.status });

export const createProduct = async (ctx: TenantContext, input: NewProduct, deps: Deps): Promise<z.output<typeof ProductWrite>> => {
  if (input.categoryId) await requireCategory(ctx, input.categoryId, 'body.categoryId', deps);
  const { product, skus } = newProductRecords(ctx.tenantId, input, deps.clock.now());
  const view = productView(product, skus);
  const { version } = await commitCatalogChange(
    ctx.tenantId,
    async (_versions, now) => {
      let labels: ReturnType<typeof newSkuWrites>['labels'] = [];
      return {
        writes: (e) => {
          const sku = newSkuWrites(e, skus);
          labels = [{ kind: 'product' }, ...sku.labels];
          return [
            e.product.create(product).commit(),
            ...sku.writes,
            e.auditEntry.create(auditEntry(ctx, { action: 'product.created', targetType: 'product', targetId: product.productId, after: { ...audited(product), skus: skus.map((s) => s.code) } }, now)).commit(),
          ];
        },
        event: { change: 'product.created', productId: product.productId, skuIds: product.skuIds },
        result: view,
        refused: (codes) => clashError(codes, labels),
      };
    },
    deps,
  );
  return { ...view, catalogVersion: version };
};

const readProduct = async (ctx: TenantContext, productId: string, { service }: Pick<Deps, 'service'>) => {
  const { data: product } = await service.entities.product.get({ tenantId: ctx.tenantId, productId }).go({ consistent: true });
  if (!product) throw new NotFoundError('product');
  const { data } = await service.entities.sku.get(product.skuIds.map((skuId) => ({ tenantId: ctx.tenantId, skuId }))).go({ consistent: true });
  const byId = new Map(data.map((s) => [s.skuId, s as SkuRecord]));
  return { product: product as ProductRecord, skus: product.skuIds.flatMap((id) => byId.get(id) ?? []) };
};

export const getProduct = async (ctx: TenantContext, productId: string, deps: Pick<Deps, 'service'>): Promise<ProductView> => {
  const { product, skus } = await readProduct(ctx, productId, deps);
  return productView(product, skus);
};

export const updateProduct = async (ctx: TenantContext, productId: string, patch: ProductPatch, deps: Deps): Promise<z.output<typeof ProductWrite>> => {
  if (patch.categoryId) await requireCategory(ctx, patch.categoryId, 'body.categoryId', deps);
  const { result, version } = await commitCatalogChange<ProductView>(
    ctx.tenantId,
    // Read inside the plan: a retry after another catalog change must see that change.
    async (_versions, now) => {
      const { product, skus } = await readProduct(ctx, productId, deps);
      const next: ProductRecord = {
        ...product,
        name: patch.name ?? product.name,
        status: patch.status ?? product.status,
        brand: patch.brand === undefined ? product.brand : (patch.brand ?? undefined),
        categoryId: patch.categoryId === undefined ? product.categoryId : (patch.categoryId ?? undefined),
      };
      const before = audited(product);
      const after = audited(next);
      if (JSON.stringify(before) === JSON.stringify(after)) return { unchanged: productView(product, skus) };
      next.updatedAt = now.toISOString();
      const nextSkus = skus.map(
        (s): SkuRecord => ({ ...s, name: displayName(next.name, s.skuName), productName: next.name, brand: next.brand, categoryId: next.categoryId, status: next.status, updatedAt: next.updatedAt }),
      );
      const removed = (['brand', 'categoryId'] as const).filter((k) => next[k] === undefined && product[k] !== undefined);
      const change = next.status !== product.status ? (next.status === 'archived' ? 'product.archived' : 'product.restored') : 'product.updated';
      return {
        writes: (e) => {
          const set = { name: next.name, status: next.status, updatedAt: next.updatedAt, ...(next.brand !== undefined && { brand: next.brand }), ...(next.categoryId !== undefined && { categoryId: next.categoryId }) };
          const patched = e.product.patch({ tenantId: ctx.tenantId, productId }).set(set);
          return [
            (removed.length ? patched.remove(removed) : patched).commit(),
            ...skuViewRewrites(e, nextSkus),
            e.auditEntry.create(auditEntry(ctx, { action: change, targetType: 'product', targetId: productId, before, after }, now)).commit(),
          ];
        },
        event: { change, productId, skuIds: product.skuIds },
        result: productView(next, nextSkus),
      };
    },
    deps,
  );
  return { ...result, catalogVersion: version };
};

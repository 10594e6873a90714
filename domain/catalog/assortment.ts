// Which SKUs a store sells. HQ adds and removes SKUs (a catalog change: terminals re-sync on the
// new version); a store's own staff and tenant-wide roles read it a page at a time.
import { requireVisibleStore } from '../stores/visible-store.ts';
import { ValidationError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import { withCursor, type PageQuery } from '../shared/pagination.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import type { CatalogService } from './catalog-service.ts';
import { commitCatalogChange } from './catalog-version.ts';
import type { AssortmentChange } from './schemas.ts';
import { skuView, type SkuRecord } from './sku-view.ts';
import type { AssortmentChangeView, SkuPage } from './views.ts';

type Deps = { service: CatalogService; clock: Clock };


const skusById = async (ctx: TenantContext, skuIds: readonly string[], { service }: Pick<Deps, 'service'>): Promise<Map<string, SkuRecord>> => {
  if (skuIds.length === 0) return new Map();
  const { data } = await service.entities.sku.get(skuIds.map((skuId) => ({ tenantId: ctx.tenantId, skuId }))).go({ consistent: true });
  return new Map(data.map((s) => [s.skuId, s as SkuRecord]));
};

export const changeAssortment = async (ctx: TenantContext, storeId: string, change: AssortmentChange, deps: Deps): Promise<AssortmentChangeView> => {
  await requireVisibleStore(ctx, storeId, deps);
  const { tenantId } = ctx;
  const { result, version } = await commitCatalogChange<Omit<AssortmentChangeView, 'catalogVersion'>>(
    tenantId,
    async (_versions, now) => {
      const skus = await skusById(ctx, change.add, deps);
      const problems = change.add.flatMap((id, i) => {
        const sku = skus.get(id);
        if (!sku) return [{ path: `body.add.${i}`, message: 'No such SKU in this chain' }];
        return sku.status === 'archived' ? [{ path: `body.add.${i}`, message: 'The SKU is archived' }] : [];
      });
      if (problems.length) throw new ValidationError(problems);
      const named = [...change.add, ...change.remove];
      const { data: present } = await deps.service.entities.assortment.get(named.map((skuId) => ({ tenantId, storeId, skuId }))).go({ consistent: true });
      const inStore = new Set(present.map((a) => a.skuId));
      const added = change.add.filter((id) => !inStore.has(id));
      const removed = change.remove.filter((id) => inStore.has(id));
      const outcome = { storeId, added, removed };
      if (added.length + removed.length === 0) return { unchanged: outcome };
      return {
        writes: (e) => [
          ...added.map((skuId) => e.assortment.put({ tenantId, storeId, skuId, addedAt: now.toISOString() }).commit()),
          ...removed.map((skuId) => e.assortment.delete({ tenantId, storeId, skuId }).commit()),
          e.auditEntry.create(auditEntry(ctx, { action: 'assortment.changed', targetType: 'store', targetId: storeId, after: { added, removed } }, now)).commit(),
        ],
        event: { change: 'assortment.changed', storeId, added, removed },
        result: outcome,
      };
    },
    deps,
  );
  return { ...result, catalogVersion: version };
};

export const getAssortment = async (ctx: TenantContext, storeId: string, page: PageQuery, deps: Pick<Deps, 'service'>): Promise<SkuPage> => {
  await requireVisibleStore(ctx, storeId, deps);
  const { data, cursor } = await withCursor(page.cursor, () =>
    deps.service.entities.assortment.query.byStore({ tenantId: ctx.tenantId, storeId }).go({ limit: page.limit, cursor: page.cursor ?? null, consistent: true }),
  );
  const skus = await skusById(ctx, data.map((a) => a.skuId), deps);
  // A SKU is never deleted, so every member resolves; the filter only keeps types honest.
  return { data: data.flatMap((a) => { const s = skus.get(a.skuId); return s ? [skuView(s)] : []; }), nextCursor: cursor ?? null };
};

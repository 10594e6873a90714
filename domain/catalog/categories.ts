// The category tree: created by HQ one node at a time (audited, a catalog change), read whole.
import { AlreadyExistsError, ValidationError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import type { CatalogService } from './catalog-service.ts';
import { commitCatalogChange } from './catalog-version.ts';
import { MAX_CATEGORY_DEPTH, type NewCategory } from './schemas.ts';
import type { CategoryItem } from './category-entity.ts';
import type { z } from 'zod';
import type { CategoryPage, CategoryView, CategoryWrite } from './views.ts';

type Deps = { service: CatalogService; clock: Clock };

export const categoryView = (c: Pick<CategoryItem, 'categoryId' | 'name' | 'parentId' | 'path' | 'createdAt'>): CategoryView => ({
  id: c.categoryId,
  name: c.name,
  parentId: c.parentId ?? null,
  path: c.path,
  depth: c.path.length + 1,
  createdAt: c.createdAt,
});

/** A category of the caller's chain, or a 400 naming the field that points at it. */
export const requireCategory = async (ctx: TenantContext, categoryId: string, field: string, { service }: Pick<Deps, 'service'>) => {
  const { data } = await service.entities.category.get({ tenantId: ctx.tenantId, categoryId }).go();
  if (!data) throw new ValidationError([{ path: field, message: 'No such category in this chain' }]);
  return data;
};

export const createCategory = async (ctx: TenantContext, input: NewCategory, deps: Deps): Promise<z.output<typeof CategoryWrite>> => {
  const parent = input.parentId ? await requireCategory(ctx, input.parentId, 'body.parentId', deps) : undefined;
  const path = parent ? [...parent.path, parent.categoryId] : [];
  if (path.length + 1 > MAX_CATEGORY_DEPTH)
    throw new ValidationError([{ path: 'body.parentId', message: `Categories nest at most ${MAX_CATEGORY_DEPTH} deep` }]);
  const { tenantId } = ctx;
  const { result, version } = await commitCatalogChange(
    tenantId,
    async (_versions, now) => {
      const category = { tenantId, categoryId: newId('category', now.getTime()), name: input.name, parentId: parent?.categoryId, path, createdAt: now.toISOString() };
      const view = categoryView(category);
      return {
        writes: (e) => [
          e.categoryName.create({ tenantId, parentKey: parent?.categoryId ?? 'root', nameKey: input.name.toLowerCase(), categoryId: category.categoryId }).commit(),
          e.category.create(category).commit(),
          e.auditEntry.create(auditEntry(ctx, { action: 'category.created', targetType: 'category', targetId: category.categoryId, after: view }, now)).commit(),
        ],
        event: { change: 'category.created', categoryId: category.categoryId },
        result: view,
        refused: (codes) => (codes[0] === 'ConditionalCheckFailed' ? new AlreadyExistsError(`category "${input.name}" under this parent`) : undefined),
      };
    },
    deps,
  );
  return { ...result, catalogVersion: version };
};

export const listCategories = async (ctx: TenantContext, { service }: Pick<Deps, 'service'>): Promise<z.output<typeof CategoryPage>> => {
  const { data } = await service.entities.category.query.byTenant({ tenantId: ctx.tenantId }).go({ pages: 'all' });
  // Parents before children, siblings by name: the order a tree view draws them in.
  const views = data.map(categoryView);
  const byId = new Map(views.map((c) => [c.id, c]));
  const trail = (c: (typeof views)[number]) => [...c.path.map((id) => byId.get(id)?.name ?? id), c.name].join('\u0000');
  return { data: views.sort((a, b) => trail(a).localeCompare(trail(b), 'zh-CN')), nextCursor: null };
};

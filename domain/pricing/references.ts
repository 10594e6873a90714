// The ids a price list names (SKUs, regions, stores, a category) must all be the caller's chain's.
// Each kind is one batch read; every unknown id is reported at its own path in one 400, and
// another chain's id is just as unknown, so nothing of it leaks.
import { ValidationError } from '../shared/errors.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import type { SkuRecord } from '../catalog/sku-view.ts';
import type { PricingService } from './pricing-service.ts';
import type { PromotionRule, ScopeInput } from './schemas.ts';

export type Ref = { path: string; id: string };
export type References = { skus: Ref[]; regions: Ref[]; stores: Ref[]; categories: Ref[] };
type Deps = { service: PricingService };

export const noReferences = (): References => ({ skus: [], regions: [], stores: [], categories: [] });

const at = (base: string, ids: readonly string[] | undefined): Ref[] => (ids ?? []).map((id, i) => ({ path: `${base}.${i}`, id }));

/** What a scope, a promotion rule and price lines refer to, with the request paths they came from. */
export const referencesOf = (input: { scope?: ScopeInput; promotion?: PromotionRule; prices?: readonly { skuId: string }[] }): References => {
  const refs = noReferences();
  refs.regions.push(...at('body.scope.regionIds', input.scope?.regionIds));
  refs.stores.push(...at('body.scope.storeIds', input.scope?.storeIds));
  refs.skus.push(...(input.prices ?? []).map(({ skuId }, i) => ({ path: `body.prices.${i}.skuId`, id: skuId })));
  if (input.promotion?.type === 'buy_x_get_y') refs.skus.push(...at('body.promotion.skuIds', input.promotion.skuIds));
  if (input.promotion?.type === 'percent_off_category') refs.categories.push({ path: 'body.promotion.categoryId', id: input.promotion.categoryId });
  return refs;
};

const unique = (refs: readonly Ref[]) => [...new Set(refs.map((r) => r.id))];

/** The chain's SKUs among `skuIds`, by id; ids of no SKU of the chain are simply absent. */
export const skusById = async (tenantId: string, skuIds: readonly string[], { service }: Deps, consistent = true): Promise<Map<string, SkuRecord>> => {
  if (skuIds.length === 0) return new Map();
  const { data } = await service.entities.sku.get(skuIds.map((skuId) => ({ tenantId, skuId }))).go({ consistent });
  return new Map(data.map((s) => [s.skuId, s as SkuRecord]));
};

const existing = async (ctx: TenantContext, refs: References, deps: Deps): Promise<Record<keyof References, Set<string>>> => {
  const { tenantId } = ctx;
  const { entities } = deps.service;
  const ids = <K>(list: readonly K[], key: (k: K) => string) => new Set(list.map(key));
  const [skus, regions, stores, categories] = await Promise.all([
    skusById(tenantId, unique(refs.skus), deps).then((m) => new Set(m.keys())),
    refs.regions.length ? entities.region.get(unique(refs.regions).map((regionId) => ({ tenantId, regionId }))).go({ consistent: true }).then((r) => ids(r.data, (x) => x.regionId)) : new Set<string>(),
    refs.stores.length ? entities.store.get(unique(refs.stores).map((storeId) => ({ tenantId, storeId }))).go({ consistent: true }).then((r) => ids(r.data, (x) => x.storeId)) : new Set<string>(),
    refs.categories.length ? entities.category.get(unique(refs.categories).map((categoryId) => ({ tenantId, categoryId }))).go({ consistent: true }).then((r) => ids(r.data, (x) => x.categoryId)) : new Set<string>(),
  ]);
  return { skus, regions, stores, categories };
};

const WHAT: Record<keyof References, string> = { skus: 'SKU', regions: 'region', stores: 'store', categories: 'category' };

/** Refuses the request (400, nothing written) if any referenced id is not the chain's. */
export const requireReferences = async (ctx: TenantContext, refs: References, deps: Deps): Promise<void> => {
  const found = await existing(ctx, refs, deps);
  const problems = (Object.keys(WHAT) as (keyof References)[]).flatMap((kind) =>
    refs[kind].filter((r) => !found[kind].has(r.id)).map((r) => ({ path: r.path, message: `No such ${WHAT[kind]} in this chain` })),
  );
  if (problems.length) throw new ValidationError(problems);
};

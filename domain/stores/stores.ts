// Regions and stores: creating them (audited), reading them with store-scoped roles confined to
// their own stores, and listing at chain scale with filters and cursors.
import { AlreadyExistsError, ValidationError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { Clock } from '../shared/clock.ts';
import { withCursor } from '../shared/pagination.ts';
import { isStoreScoped, type TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import type { TenantTier } from '../shared/tiers.ts';
import { assertStoreRoom, countStores, storeLimit, storeQuotaExceeded } from './store-quota.ts';
import type { StoreService } from './store-service.ts';
import { requireVisibleStore } from './visible-store.ts';
import type { z } from 'zod';
import { regionView, storeView, type NewRegion, type NewStore, type RegionPage, type RegionView, type StorePage, type StoreListQuery, type StoreView } from './schemas.ts';

type Deps = { service: StoreService; clock: Clock };

export const createRegion = async (ctx: TenantContext, input: NewRegion, { service, clock }: Deps): Promise<RegionView> => {
  const now = clock.now();
  const region = { tenantId: ctx.tenantId, regionId: newId('region', now.getTime()), name: input.name, createdAt: now.toISOString() };
  await service.transaction
    .write(({ region: r, auditEntry: a }) => [
      r.create(region).commit(),
      a.create(auditEntry(ctx, { action: 'region.created', targetType: 'region', targetId: region.regionId, after: { name: region.name } }, now)).commit(),
    ])
    .go()
    .then(({ canceled, data }) => {
      if (canceled) throw new Error(`Region transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
    });
  return regionView(region);
};

export const requireRegion = async (ctx: TenantContext, regionId: string, { service }: Pick<Deps, 'service'>) => {
  const { data } = await service.entities.region.get({ tenantId: ctx.tenantId, regionId }).go();
  if (!data) throw new ValidationError([{ path: 'body.regionId', message: 'No such region in this chain' }]);
  return data;
};

export const createStore = async (ctx: TenantContext, input: NewStore, tenant: { timezone: string; tier: TenantTier }, deps: Deps): Promise<StoreView> => {
  await requireRegion(ctx, input.regionId, deps);
  await assertStoreRoom(ctx, 1, tenant.tier, deps);
  const now = deps.clock.now();
  const store = {
    tenantId: ctx.tenantId,
    storeId: newId('store', now.getTime()),
    code: input.code,
    name: input.name,
    regionId: input.regionId,
    ownership: input.ownership,
    address: input.address,
    timezone: input.timezone ?? tenant.timezone,
    status: 'active' as const,
    createdAt: now.toISOString(),
  };
  const view = storeView(store);
  const { canceled, data } = await deps.service.transaction
    .write(({ store: s, storeCode, storeCount, auditEntry: a }) => [
      storeCode.create({ tenantId: ctx.tenantId, code: store.code, storeId: store.storeId }).commit(),
      s.create(store).commit(),
      a.create(auditEntry(ctx, { action: 'store.created', targetType: 'store', targetId: store.storeId, after: view }, now)).commit(),
      countStores(storeCount, ctx.tenantId, 1, storeLimit(tenant.tier)),
    ])
    .go();
  if (canceled) {
    if (data[0]?.code === 'ConditionalCheckFailed') throw new AlreadyExistsError(`store code "${store.code}"`);
    if (data[3]?.code === 'ConditionalCheckFailed') throw storeQuotaExceeded(tenant.tier);
    throw new Error(`Store transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
  }
  return view;
};

/** A store the caller may see; anything else, another tenant's included, is not found. */
export const getStore = async (ctx: TenantContext, storeId: string, { service }: Pick<Deps, 'service'>): Promise<StoreView> => {
  return storeView(await requireVisibleStore(ctx, storeId, { service }));
};

export const listStores = async (ctx: TenantContext, query: StoreListQuery, { service }: Pick<Deps, 'service'>): Promise<z.output<typeof StorePage>> => {
  const matches = (s: { regionId: string; ownership: string }) =>
    (!query.regionId || s.regionId === query.regionId) && (!query.ownership || s.ownership === query.ownership);

  if (isStoreScoped(ctx)) {
    // A scoped role has a handful of stores: read them directly, no cursor needed.
    if (ctx.storeIds.length === 0) return { data: [], nextCursor: null };
    const { data } = await service.entities.store.get(ctx.storeIds.map((storeId) => ({ tenantId: ctx.tenantId, storeId }))).go();
    const stores = data.filter(matches).sort((a, b) => a.code.localeCompare(b.code));
    return { data: stores.slice(0, query.limit).map(storeView), nextCursor: null };
  }
  const { data, cursor } = await withCursor(query.cursor, () =>
    service.entities.store.query
      .byCode({ tenantId: ctx.tenantId })
      .where((attr, { eq }) => [query.regionId ? eq(attr.regionId, query.regionId) : '', query.ownership ? eq(attr.ownership, query.ownership) : ''].filter(Boolean).join(' AND '))
      .go({ limit: query.limit, cursor: query.cursor ?? null }),
  );
  return { data: data.map(storeView), nextCursor: cursor ?? null };
};

export const listRegions = async (ctx: TenantContext, { service }: Pick<Deps, 'service'>): Promise<z.output<typeof RegionPage>> => {
  const { data } = await service.entities.region.query.byTenant({ tenantId: ctx.tenantId }).go({ pages: 'all' });
  return { data: data.map(regionView).sort((a, b) => a.name.localeCompare(b.name)), nextCursor: null };
};

/** The ids among `storeIds` that are stores of the caller's tenant. */
export const existingStoreIds = async (ctx: TenantContext, storeIds: readonly string[], { service }: Pick<Deps, 'service'>): Promise<Set<string>> => {
  if (storeIds.length === 0) return new Set();
  const { data } = await service.entities.store.get(storeIds.map((storeId) => ({ tenantId: ctx.tenantId, storeId }))).go();
  return new Set(data.map((s) => s.storeId));
};

// A tenant's DataScope: which table holds its items (shared for pooled, its own for silo) and a
// client confined to its keys. Routes are read once per container from the platform directory:
// a tenant's tier and slug never change after signup, so the cache never goes stale.
import { boundSiloTable, boundTable } from '../domain/shared/bindings.ts';
import { documentClient } from '../domain/shared/dynamo.ts';
import type { DataScope, DocumentClient } from '../domain/shared/data-scope.ts';
import { createTenantDirectoryEntity, type TenantRoute } from './entities/tenant-directory.ts';
import { tenantClient } from './tenant-credentials.ts';

/** Enough for every tenant a warm container is likely to serve; the least recently used go first. */
const MAX_CACHED_TENANTS = 256;

const remember = <V>(cache: Map<string, V>, key: string, value: V): V => {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > MAX_CACHED_TENANTS) cache.delete(cache.keys().next().value as string);
  return value;
};

let directory: ReturnType<typeof createTenantDirectoryEntity> | undefined;
const routes = new Map<string, TenantRoute>();

export const tenantRoute = async (tenantId: string): Promise<TenantRoute> => {
  const known = routes.get(tenantId);
  if (known) return remember(routes, tenantId, known);
  directory ??= createTenantDirectoryEntity(boundTable('main'), documentClient);
  const { data } = await directory.get({ tenantId }).go();
  // No entry: a tenant id that never signed up (its reads find nothing in the shared table).
  // Not cached, so a tenant whose signup is still committing is routed right on its next call.
  if (!data) return { tenantId, slug: '', tier: 'pooled' };
  return remember(routes, tenantId, { tenantId: data.tenantId, slug: data.slug, tier: data.tier });
};

const clients = new Map<string, DocumentClient>();

export const scopeOf = (route: TenantRoute): DataScope => ({
  tenantTable: route.tier === 'silo' ? boundSiloTable(route.slug) : boundTable('main'),
  platformTable: boundTable('main'),
  // One client per tenant, shared by every service of the container, so credentials are vended once.
  client: clients.get(route.tenantId) ?? remember(clients, route.tenantId, tenantClient(route)),
});

/**
 * Memoises a context's service per tenant: `const stores = scoped(createStoreService)` at module
 * level, then `await stores(tenant().tenantId)` in the handler.
 */
export const scoped = <S>(create: (scope: DataScope) => S) => {
  const services = new Map<string, S>();
  return async (tenantId: string): Promise<S> => {
    const known = services.get(tenantId);
    if (known) return remember(services, tenantId, known);
    return remember(services, tenantId, create(scopeOf(await tenantRoute(tenantId))));
  };
};

/** The directory alone, for lookups made before a tenant is known (slugs, invitation codes). */
export const platformScope = (): DataScope => ({ tenantTable: boundTable('main'), platformTable: boundTable('main'), client: documentClient });

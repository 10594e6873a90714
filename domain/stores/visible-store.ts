// The one check of "a store the caller may see": tenant-wide roles see every store of their chain,
// store-scoped roles only their own. Anything else, another tenant's store included, is not found,
// and a scoped caller naming another store is refused before any read.
import { NotFoundError } from '../shared/errors.ts';
import { canAccessStore, type TenantContext } from '../shared/tenancy.ts';
import type { StoreEntity, StoreItem } from './store-entity.ts';

/** Any service holding the store entity will do (catalog, pricing, stock, terminals). */
export type StoreDeps = { service: { entities: { store: StoreEntity } } };

/** The store, if the caller may see it; `noun` names what is not found (a store, a location). */
export const requireVisibleStore = async (ctx: TenantContext, storeId: string, { service }: StoreDeps, noun = 'store'): Promise<StoreItem> => {
  if (!canAccessStore(ctx, storeId)) throw new NotFoundError(noun);
  const { data } = await service.entities.store.get({ tenantId: ctx.tenantId, storeId }).go();
  if (!data) throw new NotFoundError(noun);
  return data;
};

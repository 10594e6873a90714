// Where stock is held: a store (sto_) or a warehouse (whs_) of the caller's chain. The stock
// ledger resolves every locationId through here, so another tenant's location, a store a
// store-scoped caller does not work at, and an id of neither kind are all the same 404.
import { requireVisibleStore } from '../stores/visible-store.ts';
import { NotFoundError } from '../shared/errors.ts';
import { idPattern } from '../shared/ids.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import type { StoreEntity } from '../stores/store-entity.ts';
import type { WarehouseEntity } from './warehouse-entity.ts';

export const LOCATION_TYPES = ['store', 'warehouse'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];
export type Location = { type: LocationType; id: string; code: string; name: string; regionId: string; status: string };

/** Any service holding the store and warehouse entities will do (the catalog's, or the ledger's own). */
export type LocationDeps = { service: { entities: { store: StoreEntity; warehouse: WarehouseEntity } } };

export const isLocationId = (id: string): boolean => idPattern('store').test(id) || idPattern('warehouse').test(id);

/**
 * The location `locationId` names, if the caller may use it. Warehouses serve every store of the
 * chain, so every role of the tenant may name one; a store, only tenant-wide roles and its own staff.
 */
export const requireLocation = async (ctx: TenantContext, locationId: string, { service }: LocationDeps): Promise<Location> => {
  if (idPattern('store').test(locationId)) {
    const data = await requireVisibleStore(ctx, locationId, { service }, 'location');
    return { type: 'store', id: data.storeId, code: data.code, name: data.name, regionId: data.regionId, status: data.status };
  }
  if (idPattern('warehouse').test(locationId)) {
    const { data } = await service.entities.warehouse.get({ tenantId: ctx.tenantId, warehouseId: locationId }).go();
    if (!data) throw new NotFoundError('location');
    return { type: 'warehouse', id: data.warehouseId, code: data.code, name: data.name, regionId: data.regionId, status: data.status };
  }
  throw new NotFoundError('location');
};

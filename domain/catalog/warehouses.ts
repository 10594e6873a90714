// Warehouses: created by HQ in a region (audited), listed by code. Not part of the catalog
// version: terminals sell from stores, and a warehouse changes no SKU a till shows.
import { AlreadyExistsError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { Clock } from '../shared/clock.ts';
import { withCursor } from '../shared/pagination.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import type { CatalogService } from './catalog-service.ts';
import type { NewWarehouse, WarehouseListQuery } from './schemas.ts';
import type { WarehouseItem } from './warehouse-entity.ts';
import type { z } from 'zod';
import type { WarehousePage, WarehouseView } from './views.ts';

type Deps = { service: CatalogService; clock: Clock };

export const warehouseView = (w: Pick<WarehouseItem, 'warehouseId' | 'code' | 'name' | 'regionId' | 'status' | 'createdAt'>): WarehouseView => ({
  id: w.warehouseId,
  type: 'warehouse' as const,
  code: w.code,
  name: w.name,
  regionId: w.regionId,
  status: w.status,
  createdAt: w.createdAt,
});

export const createWarehouse = async (ctx: TenantContext, input: NewWarehouse, { service, clock }: Deps): Promise<WarehouseView> => {
  const { data: region } = await service.entities.region.get({ tenantId: ctx.tenantId, regionId: input.regionId }).go();
  if (!region) throw new ValidationError([{ path: 'body.regionId', message: 'No such region in this chain' }]);
  const now = clock.now();
  const warehouse = { tenantId: ctx.tenantId, warehouseId: newId('warehouse', now.getTime()), ...input, status: 'active' as const, createdAt: now.toISOString() };
  const view = warehouseView(warehouse);
  const { canceled, data } = await service.transaction
    .write(({ warehouseCode, warehouse: w, auditEntry: a }) => [
      warehouseCode.create({ tenantId: ctx.tenantId, code: warehouse.code, warehouseId: warehouse.warehouseId }).commit(),
      w.create(warehouse).commit(),
      a.create(auditEntry(ctx, { action: 'warehouse.created', targetType: 'warehouse', targetId: warehouse.warehouseId, after: view }, now)).commit(),
    ])
    .go();
  if (canceled) {
    if (data[0]?.code === 'ConditionalCheckFailed') throw new AlreadyExistsError(`warehouse code "${warehouse.code}"`);
    throw new Error(`Warehouse transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
  }
  return view;
};

export const getWarehouse = async (ctx: TenantContext, warehouseId: string, { service }: Pick<Deps, 'service'>): Promise<WarehouseView> => {
  const { data } = await service.entities.warehouse.get({ tenantId: ctx.tenantId, warehouseId }).go();
  if (!data) throw new NotFoundError('warehouse');
  return warehouseView(data);
};

export const listWarehouses = async (ctx: TenantContext, query: WarehouseListQuery, { service }: Pick<Deps, 'service'>): Promise<z.output<typeof WarehousePage>> => {
  const { data, cursor } = await withCursor(query.cursor, () =>
    service.entities.warehouse.query
      .byCode({ tenantId: ctx.tenantId })
      .where((a, { eq }) => (query.regionId ? eq(a.regionId, query.regionId) : ''))
      .go({ limit: query.limit, cursor: query.cursor ?? null }),
  );
  return { data: data.map(warehouseView), nextCursor: cursor ?? null };
};

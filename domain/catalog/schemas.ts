// Requests of categories, store assortments and warehouses (API.md, "Goods, prices, stock").
import { z } from 'zod';
import { idPattern } from '../shared/ids.ts';
import { PageQuery } from '../shared/pagination.ts';
import { CategoryId, SkuId } from './product-schemas.ts';

export const StoreId = z.string().regex(idPattern('store'), 'a store id (sto_...)');
const RegionId = z.string().regex(idPattern('region'), 'a region id (reg_...)');
export const WarehouseId = z.string().regex(idPattern('warehouse'), 'a warehouse id (whs_...)');

/** Deep enough for 大类 > 中类 > 小类 > 细类, the four levels Chinese retail planograms use. */
export const MAX_CATEGORY_DEPTH = 4;

export const NewCategory = z.object({ name: z.string().trim().min(1).max(40), parentId: CategoryId.optional() });
export type NewCategory = z.infer<typeof NewCategory>;

/**
 * Adds and removals are one transaction with the version, event and audit entry, so one request
 * changes at most 90 SKUs; a bigger change is several requests, each its own catalog version.
 */
export const MAX_ASSORTMENT_CHANGES = 90;

export const AssortmentChange = z
  .object({ add: z.array(SkuId).default([]), remove: z.array(SkuId).default([]) })
  .superRefine((c, ctx) => {
    const total = c.add.length + c.remove.length;
    if (total === 0) ctx.addIssue({ code: 'custom', path: ['add'], message: 'give at least one SKU to add or remove' });
    if (total > MAX_ASSORTMENT_CHANGES) ctx.addIssue({ code: 'custom', path: ['add'], message: `at most ${MAX_ASSORTMENT_CHANGES} SKUs per request` });
    const seen = new Set<string>();
    for (const [list, ids] of [['add', c.add], ['remove', c.remove]] as const)
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [list, i], message: 'appears twice in this request' });
        seen.add(id);
      });
  });
export type AssortmentChange = z.infer<typeof AssortmentChange>;

export const StorePath = z.object({ id: StoreId });

export const NewWarehouse = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'letters, digits, - and _, at most 32'),
  name: z.string().trim().min(1).max(120),
  regionId: RegionId,
});
export type NewWarehouse = z.infer<typeof NewWarehouse>;

export const WarehouseListQuery = PageQuery.extend({ regionId: RegionId.optional() });
export type WarehouseListQuery = z.infer<typeof WarehouseListQuery>;

export const WarehousePath = z.object({ id: WarehouseId });

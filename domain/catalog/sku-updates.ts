// Changing one SKU: its own name, unit, list price, attributes or barcode. The SKU's three items
// (SKU, code, barcode) carry its whole view, so all are rewritten in the change's transaction; a
// new barcode must be free (409 otherwise) and the old one's item goes in the same transaction,
// so a scan finds the SKU under exactly one barcode at every moment. A list price is catalog data:
// price resolution reads it from the SKU at once, and terminals learn of it from catalog.changed
// like any other catalog change (price lists move the separate price version).
import { NotFoundError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import { normalizeBarcode } from './barcode.ts';
import type { CatalogService } from './catalog-service.ts';
import { commitCatalogChange } from './catalog-version.ts';
import type { SkuPatch } from './product-schemas.ts';
import { clashError, skuViewRewrites, type WriteLabel } from './product-writes.ts';
import { displayName, skuView, type SkuRecord } from './sku-view.ts';
import type { z } from 'zod';
import type { SkuView, SkuWrite } from './views.ts';

type Deps = { service: CatalogService; clock: Clock };

export const requireSku = async (ctx: TenantContext, skuId: string, { service }: Pick<Deps, 'service'>): Promise<SkuRecord> => {
  const { data } = await service.entities.sku.get({ tenantId: ctx.tenantId, skuId }).go({ consistent: true });
  if (!data) throw new NotFoundError('sku');
  return data as SkuRecord;
};

export const getSku = async (ctx: TenantContext, skuId: string, deps: Pick<Deps, 'service'>): Promise<SkuView> => skuView(await requireSku(ctx, skuId, deps));

const audited = (s: SkuRecord) => ({ name: s.skuName ?? null, unit: s.unit, listPrice: s.listPrice, attributes: s.attributes, barcode: s.barcode ?? null });

const patched = (sku: SkuRecord, patch: SkuPatch): SkuRecord => {
  const skuName = patch.name === undefined ? sku.skuName : (patch.name ?? undefined);
  const barcode = patch.barcode === undefined ? sku.barcode : (patch.barcode ?? undefined);
  return {
    ...sku,
    skuName,
    name: displayName(sku.productName, skuName),
    unit: patch.unit ?? sku.unit,
    listPrice: patch.listPrice ?? sku.listPrice,
    attributes: patch.attributes ?? sku.attributes,
    // The same barcode given in its other form (UPC-A for its EAN-13) is no change.
    barcode: barcode !== undefined && sku.barcode !== undefined && normalizeBarcode(barcode) === normalizeBarcode(sku.barcode) ? sku.barcode : barcode,
  };
};

export const updateSku = async (ctx: TenantContext, skuId: string, patch: SkuPatch, deps: Deps): Promise<z.output<typeof SkuWrite>> => {
  const { result, version } = await commitCatalogChange<SkuView>(
    ctx.tenantId,
    // Read inside the plan: a retry after another catalog change must see that change.
    async (_versions, now) => {
      const sku = await requireSku(ctx, skuId, deps);
      const next = patched(sku, patch);
      const before = audited(sku);
      const after = audited(next);
      if (JSON.stringify(before) === JSON.stringify(after)) return { unchanged: skuView(sku) };
      next.updatedAt = now.toISOString();
      const oldBarcode = sku.barcode !== undefined && sku.barcode !== next.barcode ? normalizeBarcode(sku.barcode) : undefined;
      const newBarcode = next.barcode !== undefined && next.barcode !== sku.barcode;
      // The SKU, code and barcode items, then the old barcode's removal and the audit entry.
      const labels: WriteLabel[] = [{ kind: 'sku' }, { kind: 'code' }, ...(next.barcode !== undefined ? [{ kind: newBarcode ? ('barcode' as const) : ('other' as const), sku: next }] : [])];
      return {
        writes: (e) => [
          ...skuViewRewrites(e, [next], { newBarcode }),
          ...(oldBarcode ? [e.skuBarcode.delete({ tenantId: ctx.tenantId, normalizedBarcode: oldBarcode }).commit()] : []),
          e.auditEntry.create(auditEntry(ctx, { action: 'sku.updated', targetType: 'sku', targetId: skuId, before, after }, now)).commit(),
        ],
        event: { change: 'sku.updated', productId: sku.productId, skuIds: [skuId] },
        result: skuView(next),
        refused: (codes) => clashError(codes, labels),
      };
    },
    deps,
  );
  return { ...result, catalogVersion: version };
};

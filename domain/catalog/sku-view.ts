// What a till needs to sell a SKU, denormalised from its product: the SKU item, its code item and
// its barcode item all carry it, so a scan or a code lookup is one GetItem and nothing more.
import type { SkuView } from './views.ts';

export const SKU_STATUSES = ['active', 'archived'] as const;
export type SkuStatus = (typeof SKU_STATUSES)[number];

/** ElectroDB attributes shared by the three items that carry a SKU's view. */
export const SKU_VIEW_ATTRIBUTES = {
  tenantId: { type: 'string', required: true, readOnly: true },
  skuId: { type: 'string', required: true, readOnly: true },
  productId: { type: 'string', required: true, readOnly: true },
  code: { type: 'string', required: true, readOnly: true },
  /** As it was given (a UPC-A keeps its 12 digits); the barcode item's key holds the normalised form. */
  barcode: { type: 'string', readOnly: true },
  /** The name a till prints: the product's name, then the SKU's own name when it has one. */
  name: { type: 'string', required: true },
  skuName: { type: 'string' },
  productName: { type: 'string', required: true },
  brand: { type: 'string' },
  categoryId: { type: 'string' },
  unit: { type: 'string', required: true },
  listPrice: { type: 'number', required: true },
  attributes: { type: 'any', required: true },
  status: { type: SKU_STATUSES, required: true },
  updatedAt: { type: 'string', required: true },
} as const;

export type SkuRecord = {
  tenantId: string;
  skuId: string;
  productId: string;
  code: string;
  barcode?: string;
  name: string;
  skuName?: string;
  productName: string;
  brand?: string;
  categoryId?: string;
  unit: string;
  listPrice: number;
  attributes: Record<string, string>;
  status: SkuStatus;
  updatedAt: string;
};

export const displayName = (productName: string, skuName?: string): string => (skuName ? `${productName} ${skuName}` : productName);

/** Lower-cased name and code: what `GET /v1/skus?q=` matches against. */
export const searchText = (sku: Pick<SkuRecord, 'name' | 'code'>): string => `${sku.name} ${sku.code}`.toLowerCase();

/** A SKU as the API shows it (views.ts). */
export const skuView = (s: Omit<SkuRecord, 'attributes'> & { attributes?: unknown }): SkuView => ({
  id: s.skuId,
  productId: s.productId,
  code: s.code,
  barcode: s.barcode ?? null,
  name: s.name,
  skuName: s.skuName ?? null,
  productName: s.productName,
  brand: s.brand ?? null,
  categoryId: s.categoryId ?? null,
  unit: s.unit,
  listPrice: s.listPrice,
  currency: 'CNY' as const,
  attributes: (s.attributes ?? {}) as Record<string, string>,
  status: s.status,
  updatedAt: s.updatedAt,
});

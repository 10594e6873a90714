// Requests of products and SKUs (API.md, "Goods, prices, stock"). Import rows are checked with
// these same schemas, so a row is refused for exactly what POST /v1/products would refuse.
import { z } from 'zod';
import { idPattern } from '../shared/ids.ts';
import { PageQuery } from '../shared/pagination.ts';
import { Barcode, isValidBarcode, normalizeBarcode } from './barcode.ts';
import { PRODUCT_STATUSES } from './product-entity.ts';

/**
 * A product's SKUs are written in one transaction with three items each (SKU, code, barcode) plus
 * the product, audit entry, version and event: 30 keeps that under DynamoDB's 100 items.
 */
export const MAX_SKUS_PER_PRODUCT = 30;
/** ¥1,000,000 in fen: well above anything a convenience store sells, well inside a safe integer. */
export const MAX_LIST_PRICE = 100_000_000;

export const ProductId = z.string().regex(idPattern('product'), 'a product id (prd_...)');
export const SkuId = z.string().regex(idPattern('sku'), 'a SKU id (sku_...)');
export const CategoryId = z.string().regex(idPattern('category'), 'a category id (cat_...)');
export const SkuCode = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'letters, digits, -, _ and ., at most 40');

const SkuAttributes = z
  .record(z.string().trim().min(1).max(32), z.string().trim().max(64))
  .refine((a) => Object.keys(a).length <= 10, 'at most 10 attributes');

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullish().transform((v) => v ?? undefined);

export const NewSku = z.object({
  code: SkuCode,
  barcode: Barcode.nullish().transform((v) => v ?? undefined),
  name: optionalText(60),
  unit: z.string().trim().min(1).max(16),
  listPrice: z.number().int().min(0).max(MAX_LIST_PRICE),
  attributes: SkuAttributes.optional(),
});
export type NewSku = z.infer<typeof NewSku>;

/** A product's own fields: what a CSV import row carries besides its SKU. */
export const ProductFields = z.object({
  name: z.string().trim().min(1).max(120),
  categoryId: CategoryId.nullish().transform((v) => v ?? undefined),
  brand: optionalText(60),
});

export const NewProduct = ProductFields.extend({ skus: z.array(NewSku).min(1).max(MAX_SKUS_PER_PRODUCT) })
  .superRefine((p, ctx) => {
    // Within one request the store cannot tell which of two clashing SKUs was meant, so refuse here.
    const codes = new Set<string>();
    const barcodes = new Set<string>();
    p.skus.forEach((sku, i) => {
      if (codes.has(sku.code)) ctx.addIssue({ code: 'custom', path: ['skus', i, 'code'], message: 'appears twice in this product' });
      codes.add(sku.code);
      // Refinements run even when a field failed its own check, so skip a barcode already refused.
      if (sku.barcode === undefined || !isValidBarcode(sku.barcode)) return;
      const normalized = normalizeBarcode(sku.barcode);
      if (barcodes.has(normalized)) ctx.addIssue({ code: 'custom', path: ['skus', i, 'barcode'], message: 'appears twice in this product' });
      barcodes.add(normalized);
    });
  });
export type NewProduct = z.infer<typeof NewProduct>;

export const ProductPatch = z
  .object({
    status: z.enum(PRODUCT_STATUSES).optional(),
    name: z.string().trim().min(1).max(120).optional(),
    brand: z.string().trim().min(1).max(60).nullable().optional(),
    categoryId: CategoryId.nullable().optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'give at least one of status, name, brand and categoryId');
export type ProductPatch = z.infer<typeof ProductPatch>;

export const ProductPath = z.object({ id: ProductId });

/** One SKU's own fields; its product's name, brand, category and status change through the product. */
export const SkuPatch = z
  .object({
    name: z.string().trim().min(1).max(60).nullable().optional(),
    unit: z.string().trim().min(1).max(16).optional(),
    listPrice: NewSku.shape.listPrice.optional(),
    attributes: SkuAttributes.optional(),
    barcode: Barcode.nullable().optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'give at least one of name, unit, listPrice, attributes and barcode');
export type SkuPatch = z.infer<typeof SkuPatch>;

export const SkuPath = z.object({ id: SkuId });

/** HQ's product list: every filter narrows it, and a page may hold fewer than `limit` when they do. */
export const ProductListQuery = PageQuery.extend({
  status: z.enum(PRODUCT_STATUSES).optional(),
  categoryId: CategoryId.optional(),
  brand: z.string().trim().min(1).max(60).optional(),
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;

/** One way of finding SKUs at a time: a barcode scan, a code, a name search, or the whole list. */
export const SkuQuery = PageQuery.extend({
  barcode: Barcode.optional(),
  code: SkuCode.optional(),
  q: z.string().trim().min(1).max(60).optional(),
}).refine((q) => [q.barcode, q.code, q.q].filter((v) => v !== undefined).length <= 1, {
  message: 'give at most one of barcode, code and q',
  path: ['q'],
});
export type SkuQuery = z.infer<typeof SkuQuery>;

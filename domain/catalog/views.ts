// What the catalog and warehouse routes answer (API.md, "Goods, prices, stock"): the schemas of
// their success bodies. The views (sku-view.ts, products.ts, categories.ts, warehouses.ts) are typed
// by them, and httpHandler checks every answer against them.
import { z } from 'zod';
import { Currency, Id, Timestamp } from '../shared/fields.ts';
import { page } from '../shared/pagination.ts';
import { SKU_STATUSES } from './sku-view.ts';
import { WAREHOUSE_STATUSES } from './warehouse-entity.ts';

const CatalogVersion = z.number().int().describe('The catalog version after this change: terminals re-sync when theirs is older');

/** What a till needs to sell a SKU, its product's fields included. */
export const SkuView = z
  .object({
    id: Id('sku'),
    productId: Id('product'),
    code: z.string(),
    barcode: z.string().nullable().describe('As it was given (a UPC-A keeps its 12 digits)'),
    name: z.string().describe('What a till prints: the product’s name, then the SKU’s own'),
    skuName: z.string().nullable(),
    productName: z.string(),
    brand: z.string().nullable(),
    categoryId: Id('category').nullable(),
    unit: z.string(),
    listPrice: z.number().int().describe('fen'),
    currency: Currency,
    attributes: z.record(z.string(), z.string()),
    status: z.enum(SKU_STATUSES),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Sku' });
export type SkuView = z.output<typeof SkuView>;
/** `GET /v1/skus`, `GET /v1/stores/{id}/assortment`: a barcode or code lookup is a page of at most one. */
export const SkuPage = page(SkuView);
export type SkuPage = z.output<typeof SkuPage>;
/** `PATCH /v1/skus/{id}`. */
export const SkuWrite = SkuView.extend({ catalogVersion: CatalogVersion });

export const ProductView = z
  .object({
    id: Id('product'),
    name: z.string(),
    categoryId: Id('category').nullable(),
    brand: z.string().nullable(),
    status: z.enum(SKU_STATUSES),
    skus: z.array(SkuView),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Product' });
export type ProductView = z.output<typeof ProductView>;
export const ProductPage = page(ProductView);
/** `POST /v1/products`, `PATCH /v1/products/{id}`. */
export const ProductWrite = ProductView.extend({ catalogVersion: CatalogVersion });

export const CategoryView = z
  .object({
    id: Id('category'),
    name: z.string(),
    parentId: Id('category').nullable(),
    path: z.array(Id('category')).describe('Its ancestors, the top level first'),
    depth: z.number().int().min(1),
    createdAt: Timestamp,
  })
  .meta({ id: 'Category' });
export type CategoryView = z.output<typeof CategoryView>;
/** Every category, in tree order, on one page. */
export const CategoryPage = page(CategoryView);
/** `POST /v1/categories`. */
export const CategoryWrite = CategoryView.extend({ catalogVersion: CatalogVersion });

/** `GET /v1/catalog/version`: what terminals poll. */
export const CatalogVersionView = z.object({ version: z.number().int().describe('0 before the first change'), updatedAt: Timestamp.nullable() }).meta({ id: 'CatalogVersion' });
export type CatalogVersionView = z.output<typeof CatalogVersionView>;

/** `PUT /v1/stores/{id}/assortment`: the SKUs that joined and left (those already so are not listed). */
export const AssortmentChangeView = z.object({ storeId: Id('store'), added: z.array(Id('sku')), removed: z.array(Id('sku')), catalogVersion: CatalogVersion });
export type AssortmentChangeView = z.output<typeof AssortmentChangeView>;

export const WarehouseView = z
  .object({
    id: Id('warehouse'),
    type: z.literal('warehouse'),
    code: z.string(),
    name: z.string(),
    regionId: Id('region'),
    status: z.enum(WAREHOUSE_STATUSES),
    createdAt: Timestamp,
  })
  .meta({ id: 'Warehouse' });
export type WarehouseView = z.output<typeof WarehouseView>;
export const WarehousePage = page(WarehouseView);

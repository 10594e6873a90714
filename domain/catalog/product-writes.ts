// The items one product is made of, built the same way for POST /v1/products and for import rows:
// the product, then per SKU its SKU item, code item and (if it has one) barcode item. Each write
// is labelled so a canceled transaction can say which SKU's code or barcode was taken.
import { newId } from '../shared/ids.ts';
import { AlreadyExistsError } from '../shared/errors.ts';
import { normalizeBarcode } from './barcode.ts';
import { displayName, searchText, type SkuRecord } from './sku-view.ts';
import type { TxEntities, TxWrite } from './catalog-version.ts';

export type ProductRecord = {
  tenantId: string;
  productId: string;
  name: string;
  categoryId?: string;
  brand?: string;
  status: 'active' | 'archived';
  skuIds: string[];
  createdAt: string;
  updatedAt: string;
};

export type WriteLabel = { kind: 'product' | 'sku' | 'code' | 'barcode' | 'other'; sku?: SkuRecord };
export type LabelledWrites = { writes: TxWrite[]; labels: WriteLabel[] };

/** A checked POST /v1/products body, or an import row's product; optional fields may be absent. */
export type ProductInput = {
  name: string;
  categoryId?: string;
  brand?: string;
  skus: readonly { code: string; barcode?: string; name?: string; unit: string; listPrice: number; attributes?: Record<string, string> }[];
};

/** A new product and its SKUs as records, with fresh ids. */
export const newProductRecords = (tenantId: string, input: ProductInput, now: Date): { product: ProductRecord; skus: SkuRecord[] } => {
  const at = now.toISOString();
  const productId = newId('product', now.getTime());
  const skus = input.skus.map(
    (s): SkuRecord => ({
      tenantId,
      skuId: newId('sku', now.getTime()),
      productId,
      code: s.code,
      barcode: s.barcode,
      name: displayName(input.name, s.name),
      skuName: s.name,
      productName: input.name,
      brand: input.brand,
      categoryId: input.categoryId,
      unit: s.unit,
      listPrice: s.listPrice,
      attributes: s.attributes ?? {},
      status: 'active',
      updatedAt: at,
    }),
  );
  const product = { tenantId, productId, name: input.name, categoryId: input.categoryId, brand: input.brand, status: 'active' as const, skuIds: skus.map((s) => s.skuId), createdAt: at, updatedAt: at };
  return { product, skus };
};

/** Creates for a new SKU: each fails its transaction if the SKU code or barcode is already taken. */
export const newSkuWrites = (e: TxEntities, skus: readonly SkuRecord[]): LabelledWrites => {
  const out: LabelledWrites = { writes: [], labels: [] };
  for (const sku of skus) {
    out.writes.push(e.sku.create({ ...sku, searchText: searchText(sku) }).commit(), e.skuCode.create(sku).commit());
    out.labels.push({ kind: 'sku', sku }, { kind: 'code', sku });
    if (sku.barcode !== undefined) {
      out.writes.push(e.skuBarcode.create({ ...sku, normalizedBarcode: normalizeBarcode(sku.barcode) }).commit());
      out.labels.push({ kind: 'barcode', sku });
    }
  }
  return out;
};

/**
 * Rewrites of an existing SKU's three items after it or its product changed (the views are
 * denormalised). With `newBarcode` the barcode item is created, so a barcode already taken fails
 * the transaction; its write is then the last of the SKU's.
 */
export const skuViewRewrites = (e: TxEntities, skus: readonly SkuRecord[], { newBarcode = false } = {}): TxWrite[] =>
  skus.flatMap((sku) => {
    const barcodeItem = sku.barcode !== undefined && { ...sku, normalizedBarcode: normalizeBarcode(sku.barcode) };
    return [
      e.sku.put({ ...sku, searchText: searchText(sku) }).commit(),
      e.skuCode.put(sku).commit(),
      ...(barcodeItem ? [newBarcode ? e.skuBarcode.create(barcodeItem).commit() : e.skuBarcode.put(barcodeItem).commit()] : []),
    ];
  });

/** The SKUs whose code or barcode made the transaction fail, with what was taken. */
export const takenBy = (codes: readonly string[], labels: readonly WriteLabel[]): { sku: SkuRecord; what: 'code' | 'barcode' }[] =>
  labels.flatMap((label, i) =>
    codes[i] === 'ConditionalCheckFailed' && label.sku && (label.kind === 'code' || label.kind === 'barcode') ? [{ sku: label.sku, what: label.kind }] : [],
  );

export const clashMessage = ({ sku, what }: { sku: SkuRecord; what: 'code' | 'barcode' }): string =>
  what === 'code' ? `SKU code "${sku.code}"` : `barcode "${sku.barcode}"`;

export const clashError = (codes: readonly string[], labels: readonly WriteLabel[]): Error | undefined => {
  const taken = takenBy(codes, labels)[0];
  return taken && new AlreadyExistsError(clashMessage(taken));
};

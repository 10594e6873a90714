// Catalog requests as their zod schemas check them, and the SKU view the three lookup items share.
import { describe, expect, it } from 'vitest';
import { NewProduct, ProductPatch, SkuQuery } from '../../domain/catalog/product-schemas.ts';
import { AssortmentChange } from '../../domain/catalog/schemas.ts';
import { displayName, searchText } from '../../domain/catalog/sku-view.ts';

const sku = (code: string, barcode?: string) => ({ code, barcode, unit: '个', listPrice: 100 });
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('NewProduct', () => {
  it('refuses a SKU code or barcode twice in one product, UPC-A and EAN-13 forms alike', () => {
    const r = NewProduct.safeParse({ name: 'P', skus: [sku('A', '036000291452'), sku('A'), sku('B', '0036000291452')] });
    expect(issues(r)).toEqual(['skus.1.code: appears twice in this product', 'skus.2.barcode: appears twice in this product']);
  });

  it('reports a bad check digit as an issue of that SKU, never as a crash', () => {
    expect(issues(NewProduct.safeParse({ name: 'P', skus: [sku('A', '6901234567890'), sku('B', '6901234567890')] }))).toEqual([
      expect.stringMatching(/^skus\.0\.barcode: must be an EAN-13/),
      expect.stringMatching(/^skus\.1\.barcode: must be an EAN-13/),
    ]);
  });

  it('takes fen as non-negative integers only, and null for absent optional fields', () => {
    expect(NewProduct.safeParse({ name: 'P', skus: [{ ...sku('A'), listPrice: 3.5 }] }).success).toBe(false);
    expect(NewProduct.safeParse({ name: 'P', skus: [{ ...sku('A'), listPrice: -1 }] }).success).toBe(false);
    const ok = NewProduct.parse({ name: ' P ', brand: null, categoryId: null, skus: [{ ...sku('A'), barcode: null, name: null }] });
    expect(ok).toEqual({ name: 'P', brand: undefined, categoryId: undefined, skus: [{ code: 'A', barcode: undefined, name: undefined, unit: '个', listPrice: 100 }] });
  });

  it('needs one to thirty SKUs', () => {
    expect(NewProduct.safeParse({ name: 'P', skus: [] }).success).toBe(false);
    expect(NewProduct.safeParse({ name: 'P', skus: Array.from({ length: 31 }, (_, i) => sku(`S${i}`)) }).success).toBe(false);
  });
});

describe('SkuQuery', () => {
  it('takes one of barcode, code and q', () => {
    expect(SkuQuery.safeParse({ barcode: '036000291452', code: 'A' }).success).toBe(false);
    expect(SkuQuery.parse({ barcode: ' 036000291452 ' })).toEqual({ barcode: '036000291452', limit: 25 });
    expect(SkuQuery.safeParse({ barcode: '036000291453' }).success).toBe(false);
  });
});

describe('ProductPatch and AssortmentChange', () => {
  it('refuses an empty patch and an empty, oversized or repeating assortment change', () => {
    expect(ProductPatch.safeParse({}).success).toBe(false);
    expect(ProductPatch.parse({ brand: null })).toEqual({ brand: null });
    expect(AssortmentChange.safeParse({}).success).toBe(false);
    const id = 'sku_01JC0000000000000000000000';
    expect(issues(AssortmentChange.safeParse({ add: [id], remove: [id] }))).toEqual(['remove.0: appears twice in this request']);
    const many = Array.from({ length: 91 }, (_, i) => `sku_01JC${String(i).padStart(22, '0')}`);
    expect(AssortmentChange.safeParse({ add: many }).success).toBe(false);
  });
});

describe('the SKU view', () => {
  it('names a SKU by its product then its own name, and searches name and code in lower case', () => {
    expect(displayName('可口可乐', '330ml 罐装')).toBe('可口可乐 330ml 罐装');
    expect(displayName('可口可乐')).toBe('可口可乐');
    expect(searchText({ name: 'Coca-Cola 330ml', code: 'COKE-330' })).toBe('coca-cola 330ml coke-330');
  });
});

// The product import file, checked row by row before anything is queued. Two formats (API.md):
//  - CSV with the header productName,categoryId?,brand,skuCode,barcode,skuName,unit,listPrice: one
//    SKU per row; rows naming the same product (name, category, brand) become one product. A row
//    is a line as a spreadsheet numbers it (the header is row 1), and each row stands alone: a bad
//    row is refused, its product's other SKUs are imported.
//  - JSON lines: one POST /v1/products body per line, numbered from 1; a line is all or nothing.
// SKU codes and barcodes must be unique across the whole file: a repeat is refused, naming the
// row that has it first, so which of two clashing rows wins never depends on timing.
import { readCsvRecords } from '../shared/csv.ts';
import type { z } from 'zod';
import { ValidationError } from '../shared/errors.ts';
import { normalizeBarcode } from './barcode.ts';
import { MAX_SKUS_PER_PRODUCT, NewProduct, NewSku, ProductFields } from './product-schemas.ts';

export const PRODUCT_CSV_COLUMNS = ['productName', 'categoryId', 'brand', 'skuCode', 'barcode', 'skuName', 'unit', 'listPrice'] as const;
const OPTIONAL_COLUMNS = new Set<string>(['categoryId']);
export const MAX_PRODUCT_IMPORT_ROWS = 20_000;
/**
 * A CSV product is imported in one transaction (domain/catalog/product-import-chunk.ts): per SKU
 * its row's mark, the SKU, its code and its barcode (4 items), plus the product and its audit
 * entry, within DynamoDB's 100 items: 24 SKUs. More would fail on every delivery, so the file
 * refuses them up front. A JSON line carries one mark for the whole product and keeps the API's
 * MAX_SKUS_PER_PRODUCT.
 */
export const MAX_CSV_SKUS_PER_PRODUCT = Math.min(MAX_SKUS_PER_PRODUCT, Math.floor((100 - 2) / 4));
export const IMPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type ImportSku = NewSku & { row: number };
export type ImportGroup = { rows: number[]; product: { name: string; categoryId?: string; brand?: string }; skus: ImportSku[] };
export type ImportEntry = { group: ImportGroup } | { refusal: { row: number; message: string } };
export type ParsedImport = { total: number; entries: ImportEntry[] };

/** Schema field -> CSV column, so a row error names the column the user sees. */
const PRODUCT_COLUMN: Readonly<Record<string, string>> = { name: 'productName' };
const SKU_COLUMN: Readonly<Record<string, string>> = { code: 'skuCode', name: 'skuName' };
const asColumns = (issues: readonly z.core.$ZodIssue[], columns: Readonly<Record<string, string>>) =>
  issues.map((i) => ({
    ...i,
    path: [columns[String(i.path[0])] ?? String(i.path[0] ?? ''), ...i.path.slice(1)],
    // A CSV cell is text: say what text is wanted rather than that it is not a number.
    message: i.path[0] === 'listPrice' && i.code === 'invalid_type' ? 'a whole number of fen, such as 350 for ¥3.50' : i.message,
  }));

const describe = (issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []) =>
  issues.map((i) => `${[...prefix, ...i.path].map(String).join('.') || 'line'}: ${i.message}`).join('; ');

/** Remembers the first row of every SKU code and barcode seen, to refuse repeats. */
const firstSeen = () => {
  const codes = new Map<string, number>();
  const barcodes = new Map<string, number>();
  return {
    repeat: (sku: NewSku): string | undefined => {
      const code = codes.get(sku.code);
      if (code !== undefined) return `SKU code "${sku.code}" appears earlier in the file (row ${code})`;
      const barcode = sku.barcode === undefined ? undefined : barcodes.get(normalizeBarcode(sku.barcode));
      if (barcode !== undefined) return `barcode "${sku.barcode}" appears earlier in the file (row ${barcode})`;
      return undefined;
    },
    remember: (sku: NewSku, row: number) => {
      codes.set(sku.code, row);
      if (sku.barcode !== undefined) barcodes.set(normalizeBarcode(sku.barcode), row);
    },
  };
};

const byFirstRow = (a: ImportEntry, b: ImportEntry) => firstRow(a) - firstRow(b);
const firstRow = (e: ImportEntry) => ('group' in e ? e.group.rows[0]! : e.refusal.row);

const tooMany = (rows: number) => {
  if (rows === 0) throw new ValidationError([{ path: 'body', message: 'The file has no product rows' }]);
  if (rows > MAX_PRODUCT_IMPORT_ROWS) throw new ValidationError([{ path: 'body', message: `At most ${MAX_PRODUCT_IMPORT_ROWS} rows per import` }]);
};

/** listPrice arrives as text; only whole fen are accepted ("350", not "3.50"). */
const fen = (s: string): number | string => (/^\d{1,12}$/.test(s) ? Number(s) : s);

export const parseProductCsv = (text: string): ParsedImport => {
  const { records, header } = readCsvRecords(text);
  const missing = PRODUCT_CSV_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c) && !header.includes(c));
  if (records.length > 0 && missing.length)
    throw new ValidationError([{ path: 'body', message: `The header must name ${PRODUCT_CSV_COLUMNS.join(',')} (categoryId may be left out); missing ${missing.join(',')}` }]);
  tooMany(records.length);
  const seen = firstSeen();
  const groups = new Map<string, ImportGroup>();
  const entries: ImportEntry[] = [];
  for (const { record: r, info } of records) {
    const row = info.lines;
    const blank = (v: string | undefined) => (v ? v : undefined);
    const product = ProductFields.safeParse({ name: r.productName ?? '', categoryId: blank(r.categoryId), brand: blank(r.brand) });
    const sku = NewSku.safeParse({ code: r.skuCode ?? '', barcode: blank(r.barcode), name: blank(r.skuName), unit: r.unit ?? '', listPrice: fen(r.listPrice ?? '') });
    if (!product.success || !sku.success) {
      const problems = [...(product.success ? [] : asColumns(product.error.issues, PRODUCT_COLUMN)), ...(sku.success ? [] : asColumns(sku.error.issues, SKU_COLUMN))];
      entries.push({ refusal: { row, message: describe(problems) } });
      continue;
    }
    const repeat = seen.repeat(sku.data);
    if (repeat) {
      entries.push({ refusal: { row, message: repeat } });
      continue;
    }
    const key = JSON.stringify([product.data.name, product.data.categoryId ?? '', product.data.brand ?? '']);
    let group = groups.get(key);
    if (!group) {
      group = { rows: [], product: product.data, skus: [] };
      groups.set(key, group);
      entries.push({ group });
    }
    if (group.skus.length >= MAX_CSV_SKUS_PER_PRODUCT) {
      const message = `Product "${product.data.name}" would have more than ${MAX_CSV_SKUS_PER_PRODUCT} SKUs in one CSV import; import a larger product as a JSON line (up to ${MAX_SKUS_PER_PRODUCT} SKUs)`;
      entries.push({ refusal: { row, message } });
      continue;
    }
    seen.remember(sku.data, row);
    group.rows.push(row);
    group.skus.push({ ...sku.data, row });
  }
  return { total: records.length, entries: entries.sort(byFirstRow) };
};

export const parseProductLines = (text: string): ParsedImport => {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const numbered = lines.map((line, i) => ({ line: line.trim(), row: i + 1 })).filter((l) => l.line !== '');
  tooMany(numbered.length);
  const seen = firstSeen();
  const entries = numbered.map(({ line, row }): ImportEntry => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { refusal: { row, message: 'line: not valid JSON' } };
    }
    const product = NewProduct.safeParse(value);
    if (!product.success) return { refusal: { row, message: describe(product.error.issues) } };
    const repeat = product.data.skus.map(seen.repeat).find((r) => r !== undefined);
    if (repeat) return { refusal: { row, message: repeat } };
    for (const sku of product.data.skus) seen.remember(sku, row);
    const { skus, ...fields } = product.data;
    return { group: { rows: [row], product: fields, skus: skus.map((s) => ({ ...s, row })) } };
  });
  return { total: numbered.length, entries };
};

export const parseProductImport = (format: ImportFormat, text: string): ParsedImport => (format === 'csv' ? parseProductCsv(text) : parseProductLines(text));

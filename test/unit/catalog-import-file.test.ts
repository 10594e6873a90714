// The product import file, checked before anything is queued: rows grouped into products, bad
// rows refused by line with the column named, repeats refused in favour of the first row, and
// files of 10,000+ SKUs cut into chunks that fit an SQS message.
import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../domain/catalog/barcode.ts';
import { MAX_PRODUCT_IMPORT_ROWS, parseProductCsv, parseProductLines, type ImportEntry } from '../../domain/catalog/product-import-file.ts';
import { chunkEntries, ProductImportChunk } from '../../domain/catalog/product-import.ts';

const HEADER = 'productName,categoryId,brand,skuCode,barcode,skuName,unit,listPrice';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const refusals = (entries: ImportEntry[]) => entries.flatMap((e) => ('refusal' in e ? [e.refusal] : []));
const groups = (entries: ImportEntry[]) => entries.flatMap((e) => ('group' in e ? [e.group] : []));
const ean = (n: number) => withCheckDigit(`690${String(n).padStart(9, '0')}`);

describe('parseProductCsv', () => {
  it('groups rows of the same product, keeping each SKU row number (header is row 1)', () => {
    const { total, entries } = parseProductCsv(
      csv(`可口可乐,,可口可乐,COKE-330,${ean(1)},330ml,罐,350`, `雪碧,,可口可乐,SPRITE-330,${ean(2)},330ml,罐,350`, `可口可乐,,可口可乐,COKE-500,,500ml,瓶,400`),
    );
    expect(total).toBe(3);
    expect(refusals(entries)).toEqual([]);
    expect(groups(entries).map((g) => [g.product.name, g.rows, g.skus.map((s) => s.code)])).toEqual([
      ['可口可乐', [2, 4], ['COKE-330', 'COKE-500']],
      ['雪碧', [3], ['SPRITE-330']],
    ]);
    expect(groups(entries)[0]!.skus[1]).toEqual({ row: 4, code: 'COKE-500', barcode: undefined, name: '500ml', unit: '瓶', listPrice: 400 });
  });

  it('accepts a file without the optional categoryId column', () => {
    const { entries } = parseProductCsv('productName,brand,skuCode,barcode,skuName,unit,listPrice\n薯片,乐事,LAYS-70,,,袋,650');
    expect(groups(entries)).toHaveLength(1);
  });

  it('refuses bad rows by line, naming the CSV column', () => {
    const { entries } = parseProductCsv(
      csv(
        `OK,,,OK-1,,,个,100`,
        `Yuan,,,Y-1,,,个,3.50`,
        `Check,,,C-1,6901234567890,,个,100`,
        `,,,NONAME-1,,,个,100`,
        `Code,,,bad code,,,个,100`,
        `Cat,cat_nonsense,,CAT-1,,,个,100`,
      ),
    );
    expect(refusals(entries)).toEqual([
      { row: 3, message: 'listPrice: a whole number of fen, such as 350 for ¥3.50' },
      { row: 4, message: expect.stringMatching(/^barcode: must be an EAN-13/) },
      { row: 5, message: expect.stringMatching(/^productName: /) },
      { row: 6, message: expect.stringMatching(/^skuCode: letters, digits/) },
      { row: 7, message: expect.stringMatching(/^categoryId: a category id/) },
    ]);
  });

  it('refuses a SKU code or barcode the file already used, naming the first row; UPC-A and EAN-13 forms are one barcode', () => {
    const { entries } = parseProductCsv(csv('A,,,A-1,036000291452,,个,1', 'B,,,A-1,,,个,1', 'C,,,C-1,0036000291452,,个,1'));
    expect(refusals(entries)).toEqual([
      { row: 3, message: 'SKU code "A-1" appears earlier in the file (row 2)' },
      { row: 4, message: 'barcode "0036000291452" appears earlier in the file (row 2)' },
    ]);
  });

  it('refuses the 25th SKU of one CSV product: more cannot be written in one transaction', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `Big,,,BIG-${i},,,个,1`);
    const { entries } = parseProductCsv(csv(...rows));
    expect(groups(entries)[0]!.skus).toHaveLength(24);
    expect(refusals(entries)).toEqual([{ row: 26, message: 'Product "Big" would have more than 24 SKUs in one CSV import; import a larger product as a JSON line (up to 30 SKUs)' }]);
  });

  it('refuses whole files it cannot use', () => {
    const refusal = (text: string) => {
      try {
        parseProductCsv(text);
      } catch (error) {
        return (error as { details?: { message: string }[] }).details?.[0]?.message;
      }
      return 'accepted';
    };
    expect(refusal('productName,skuCode\nA,B')).toMatch(/missing brand,barcode,skuName,unit,listPrice/);
    expect(refusal(HEADER)).toMatch(/no product rows/);
    expect(refusal(`${HEADER}\n"unclosed,x`)).toMatch(/Not readable as CSV/);
    expect(refusal(csv(...Array.from({ length: MAX_PRODUCT_IMPORT_ROWS + 1 }, (_, i) => `P,,,X-${i},,,个,1`)))).toMatch(/At most 20000 rows/);
  });
});

describe('parseProductLines', () => {
  it('reads one product per line, all or nothing, numbering lines from 1 and skipping blank ones', () => {
    const lines = [
      JSON.stringify({ name: '矿泉水', skus: [{ code: 'W-1', barcode: ean(3), unit: '瓶', listPrice: 200 }, { code: 'W-2', unit: '箱', listPrice: 4500 }] }),
      '',
      '{"name": "broken"',
      JSON.stringify({ name: 'Dup', skus: [{ code: 'D-1', unit: '个', listPrice: 1 }, { code: 'W-2', unit: '个', listPrice: 1 }] }),
      JSON.stringify({ name: 'Neg', skus: [{ code: 'N-1', unit: '个', listPrice: -1 }] }),
    ].join('\r\n');
    const { total, entries } = parseProductLines(lines);
    expect(total).toBe(4);
    expect(groups(entries).map((g) => [g.rows, g.skus.map((s) => s.row)])).toEqual([[[1], [1, 1]]]);
    expect(refusals(entries)).toEqual([
      { row: 3, message: 'line: not valid JSON' },
      { row: 4, message: 'SKU code "W-2" appears earlier in the file (row 1)' },
      { row: 5, message: expect.stringMatching(/^skus\.0\.listPrice: /) },
    ]);
  });
});

describe('chunkEntries', () => {
  it('cuts 12,000 SKUs into chunks of at most 100 rows that fit an SQS message, never splitting a product', () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => `商品${Math.floor(i / 4)},,品牌,SKU-${i},${ean(i)},规格${i % 4},个,${100 + i}`);
    const parsed = parseProductCsv(csv(...rows));
    const chunks = chunkEntries(parsed.entries);
    const context = { tenantId: 'ten_X', userId: 'usr_X', role: 'hq_admin' as const, storeIds: [] };
    for (const [i, entries] of chunks.entries()) {
      const message = JSON.stringify({ context, jobId: 'job_X', chunk: i, total: parsed.total, entries });
      expect(Buffer.byteLength(message)).toBeLessThan(256 * 1024);
      expect(ProductImportChunk.parse(JSON.parse(message)).entries).toHaveLength(entries.length);
      expect(entries.reduce((n, e) => n + ('group' in e ? e.group.rows.length : 1), 0)).toBeLessThanOrEqual(100);
    }
    const seen = chunks.flat().flatMap((e) => ('group' in e ? e.group.rows : [e.refusal.row]));
    expect(seen).toEqual(rows.map((_, i) => i + 2));
  });
});

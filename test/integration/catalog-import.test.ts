// Bulk product import: CSV and JSON lines as a job with progress and row errors by line; each row
// imported exactly once even when a chunk is delivered again or the file is sent again; a row
// whose SKU code or barcode is taken refused without a trace; bad files refused before queueing.
import { beforeAll, describe, expect, it } from 'vitest';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { withCheckDigit } from '../../domain/catalog/barcode.ts';
import { MAX_CSV_SKUS_PER_PRODUCT, parseProductImport } from '../../domain/catalog/product-import-file.ts';
import { chunkEntries } from '../../domain/catalog/product-import.ts';
import { call, cloud, eventually, expectEnvelope, itemCounts, newTenant, newUser, type ApiResponse, type TestTenant } from '../support/api.ts';
import { catalogSettled, catalogVersion } from '../support/catalog.ts';

let chain: TestTenant;
let categoryId: string;
const HEADER = 'productName,categoryId,brand,skuCode,barcode,skuName,unit,listPrice';
const GOOD = 240;
const ean = (n: number) => withCheckDigit(`6921${String(n).padStart(8, '0')}`);

const upload = (text: string, type = 'text/csv', token = chain.token) => call('POST', '/v1/products:import', { token, rawBody: text, headers: { 'content-type': type } });
const finished = (jobId: string) =>
  eventually(async () => {
    const job = await call('GET', `/v1/jobs/${jobId}`, { token: chain.token });
    return job.body.status === 'succeeded' ? job.body : undefined;
  }, 120_000);
const version = () => catalogVersion(chain);
const settled = () => catalogSettled(chain);
const skuCodes = async (): Promise<string[]> => {
  const codes: string[] = [];
  let cursor: string | null = null;
  do {
    const page: ApiResponse = await call('GET', `/v1/skus?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: chain.token });
    codes.push(...page.body.data.map((s: { code: string }) => s.code));
    cursor = page.body.nextCursor;
  } while (cursor);
  return codes.sort();
};

// Three SKUs per product: rows 2-4 are one product, 5-7 the next, and so on.
const goodRows = Array.from({ length: GOOD }, (_, i) => `零食${Math.floor(i / 3)},,乐事,IMP-${String(i).padStart(4, '0')},${ean(i)},口味${i % 3},袋,${500 + i}`);
const badRows = [
  `Yuan,,,BAD-1,,,袋,3.50`,
  `Clash,,,EXIST-1,,,袋,100`,
  `Clash barcode,,,BAD-2,${ean(900_000)},,袋,100`,
  `Cat,cat_01JC0000000000000000000000,,BAD-3,,,袋,100`,
  `Repeat,,,IMP-0000,,,袋,100`,
];

beforeAll(async () => {
  chain = await newTenant('pimport');
  categoryId = (await call('POST', '/v1/categories', { token: chain.token, body: { name: '零食' } })).body.id;
  await call('POST', '/v1/products', { token: chain.token, body: { name: 'Existing', skus: [{ code: 'EXIST-1', barcode: ean(900_000), unit: '袋', listPrice: 1 }] } });
});

describe('POST /v1/products:import', () => {
  it('imports good rows once, reports bad rows by line, and moves the catalog version once per chunk that imported', { timeout: 180_000 }, async () => {
    const rows = [...goodRows.slice(0, 99), ...badRows, ...goodRows.slice(99).map((r, i) => (i === 0 ? r.replace(',,', `,${categoryId},`) : r))];
    const csv = [HEADER, ...rows].join('\n');
    const before = await version();
    const res = await upload(csv);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^job_/), type: 'products.import', status: 'queued', progress: { done: 0, total: rows.length }, errors: [] });
    const job = await finished(res.body.id);
    expect(job.progress).toEqual({ done: rows.length, total: rows.length, refused: job.errors.length });
    expect(job.errors).toEqual([
      { row: 101, message: 'listPrice: a whole number of fen, such as 350 for ¥3.50' },
      { row: 102, message: 'SKU code "EXIST-1" already exists' },
      { row: 103, message: `barcode "${ean(900_000)}" already exists` },
      { row: 104, message: 'categoryId: no category cat_01JC0000000000000000000000 in this chain' },
      { row: 105, message: 'SKU code "IMP-0000" appears earlier in the file (row 2)' },
    ]);
    const codes = await skuCodes();
    expect(codes.filter((c) => c.startsWith('IMP-'))).toHaveLength(GOOD);
    const scanned = await call('GET', `/v1/skus?barcode=${ean(4)}`, { token: chain.token });
    expect(scanned.body.data[0]).toMatchObject({ code: 'IMP-0004', name: '零食1 口味1', productName: '零食1', brand: '乐事', listPrice: 504, unit: '袋' });
    const product = await call('GET', `/v1/products/${scanned.body.data[0].productId}`, { token: chain.token });
    expect(product.body.skus.map((s: { code: string }) => s.code)).toEqual(['IMP-0003', 'IMP-0004', 'IMP-0005']);
    const chunks = chunkEntries(parseProductImport('csv', csv).entries).length;
    expect(await version()).toBe(before + chunks);
    await settled();

    // Deliver the first chunk again, as SQS may: nothing is imported, counted or versioned twice.
    const counts = await itemCounts();
    const first = chunkEntries(parseProductImport('csv', csv).entries)[0]!;
    const message = { context: { tenantId: chain.tenantId, userId: chain.adminId, role: 'hq_admin', storeIds: [] }, jobId: res.body.id, chunk: 0, total: rows.length, entries: first };
    const sqs = new SQSClient({ endpoint: cloud().endpoints.sqs, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await sqs.send(new SendMessageCommand({ QueueUrl: cloud().queues.productImports!.url, MessageBody: JSON.stringify(message), MessageGroupId: res.body.id, MessageDeduplicationId: `${res.body.id}-again` }));
    sqs.destroy();
    await new Promise((r) => setTimeout(r, 3000));
    expect(await itemCounts()).toEqual(counts);
    expect((await call('GET', `/v1/jobs/${res.body.id}`, { token: chain.token })).body.progress).toEqual(job.progress);
    expect(await version()).toBe(before + chunks);

    // Send the whole file again: every row is refused as already there, nothing is added.
    const again = await finished((await upload(csv)).body.id);
    expect(again.errors).toHaveLength(rows.length);
    expect(again.errors[0]).toEqual({ row: 2, message: 'SKU code "IMP-0000" already exists' });
    expect(await skuCodes()).toEqual(codes);
    expect(await version()).toBe(before + chunks);
  });

  it('imports JSON lines one product per line, refusing a whole line when one of its SKUs is taken', { timeout: 60_000 }, async () => {
    const lines = [
      JSON.stringify({ name: '矿泉水', brand: '农夫山泉', categoryId, skus: [{ code: 'ND-1', barcode: ean(800_001), name: '550ml', unit: '瓶', listPrice: 200 }, { code: 'ND-2', unit: '箱', listPrice: 4500, attributes: { 规格: '24x550ml' } }] }),
      JSON.stringify({ name: 'Half', skus: [{ code: 'ND-3', unit: '个', listPrice: 1 }, { code: 'EXIST-1', unit: '个', listPrice: 1 }] }),
      '{not json',
      '',
      JSON.stringify({ name: 'No SKUs', skus: [] }),
    ].join('\n');
    const job = await finished((await upload(lines, 'application/x-ndjson')).body.id);
    expect(job.progress).toEqual({ done: 4, total: 4, refused: job.errors.length });
    expect(job.errors).toEqual([
      { row: 2, message: 'SKU code "EXIST-1" already exists' },
      { row: 3, message: 'line: not valid JSON' },
      { row: 5, message: expect.stringMatching(/^skus: /) },
    ]);
    expect((await call('GET', '/v1/skus?code=ND-2', { token: chain.token })).body.data[0]).toMatchObject({ productName: '矿泉水', categoryId, attributes: { 规格: '24x550ml' } });
    expect((await call('GET', '/v1/skus?code=ND-3', { token: chain.token })).body.data).toEqual([]);
  });

  it('imports the largest CSV product, every SKU barcoded, in one transaction, and refuses the SKU past it', { timeout: 60_000 }, async () => {
    const rows = Array.from({ length: MAX_CSV_SKUS_PER_PRODUCT + 1 }, (_, i) => `Wide,,,WIDE-${i},${ean(700_000 + i)},,袋,100`);
    const res = await upload([HEADER, ...rows].join('\n'));
    expect(res.status).toBe(202);
    const job = await finished(res.body.id);
    expect(job.errors).toEqual([{ row: MAX_CSV_SKUS_PER_PRODUCT + 2, message: expect.stringMatching(/^Product "Wide" would have more than 24 SKUs in one CSV import/) }]);
    const scanned = await call('GET', `/v1/skus?barcode=${ean(700_000)}`, { token: chain.token });
    const product = await call('GET', `/v1/products/${scanned.body.data[0].productId}`, { token: chain.token });
    expect(product.body.skus).toHaveLength(MAX_CSV_SKUS_PER_PRODUCT);
  });

  it('refuses files it cannot read, and callers who are not HQ, before queueing anything', async () => {
    const engineer = await newUser(chain, 'field_engineer');
    await settled();
    const before = await itemCounts();
    expectEnvelope(await upload('productName,skuCode\nA,B'), 400, 'validation_failed');
    expectEnvelope(await upload(HEADER), 400, 'validation_failed');
    expectEnvelope(await upload(`${HEADER}\n"unclosed,x`), 400, 'validation_failed');
    expectEnvelope(await upload('\n\n', 'application/x-ndjson'), 400, 'validation_failed');
    expectEnvelope(await upload(`${HEADER}\nA,,,A-1,,,个,1`, 'application/json'), 400, 'validation_failed');
    expectEnvelope(await upload(`${HEADER}\nA,,,A-1,,,个,1`, 'text/csv', engineer.token), 403, 'forbidden');
    expect(await itemCounts()).toEqual(before);
  });
});

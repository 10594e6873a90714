// What checking a success body against its route's schema costs (httpHandler's `response`,
// functions/middleware/responses.ts): the check the local cloud's stages run on every answer and
// deployed stages skip. Measured on the answers of GET /v1/skus (the till's barcode scan, one SKU,
// and a full page of 100) and GET /v1/products (25 products of 4 SKUs), as the handler serializes
// them, against the scan's own in-process time from the catalog bench. No I/O:
// `npx tsx bench/response-check.ts` writes bench/results/response-check.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkResponse, ok } from '../functions/middleware/responses.ts';
import { newId } from '../domain/shared/ids.ts';
import { ProductPage, SkuPage, type SkuView } from '../domain/catalog/views.ts';
import { summarise, writeResult } from './measure.ts';

const at = new Date('2026-11-23T08:00:00.000Z').toISOString();
const sku = (i: number, productId = newId('product')): SkuView => ({
  id: newId('sku'),
  productId,
  code: `SKU-${i}`,
  barcode: `69${String(i).padStart(11, '0')}`,
  name: `Nongfu Spring 550ml ${i}`,
  skuName: '550ml',
  productName: 'Nongfu Spring',
  brand: 'Nongfu',
  categoryId: newId('category'),
  unit: 'bottle',
  listPrice: 200,
  currency: 'CNY',
  attributes: { volume: '550ml', pack: '1' },
  status: 'active',
  updatedAt: at,
});
const products = Array.from({ length: 25 }, (_, p) => {
  const id = newId('product');
  return { id, name: `Product ${p}`, categoryId: null, brand: null, status: 'active' as const, skus: Array.from({ length: 4 }, (_, s) => sku(p * 4 + s, id)), createdAt: at, updatedAt: at };
});

const cases = {
  'GET /v1/skus?barcode= (1 SKU)': { schema: SkuPage, answer: ok({ data: [sku(1)], nextCursor: null }) },
  'GET /v1/skus (page of 100)': { schema: SkuPage, answer: ok({ data: Array.from({ length: 100 }, (_, i) => sku(i)), nextCursor: 'eyJwayI6IngifQ' }) },
  'GET /v1/products (25 products, 100 SKUs)': { schema: ProductPage, answer: ok({ data: products, nextCursor: null }) },
};

const WARMUP = 2_000;
const ITERATIONS = 20_000;
const results: Record<string, ReturnType<typeof summarise> & { bodyBytes: number; meanUs: number }> = {};
for (const [name, { schema, answer }] of Object.entries(cases)) {
  const declared = { status: 200 as const, body: schema };
  for (let i = 0; i < WARMUP; i++) checkResponse(name, declared, answer);
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = process.hrtime.bigint();
    checkResponse(name, declared, answer);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const summary = summarise(samples);
  results[name] = { ...summary, meanUs: Math.round(summary.meanMs * 1000 * 10) / 10, bodyBytes: Buffer.byteLength(answer.body ?? '') };
}

// The scan's own figures: findSkuByBarcode in-process and GET /v1/skus?barcode= through the gateway.
const catalog = JSON.parse(readFileSync(join(import.meta.dirname, 'results', 'catalog.json'), 'utf8')) as { results: { useCase: { p50Ms: number }; api: { p50Ms: number } } };
const scan = results['GET /v1/skus?barcode= (1 SKU)']!;
const ratio = (x: number, of: number) => Math.round((x / of) * 10_000) / 100;
const file = writeResult('response-check', {
  description: 'checkResponse (JSON.parse of the sent body, zod safeParse, undeclared-field walk) per answer, in-process, no I/O',
  iterations: ITERATIONS,
  results,
  scan: {
    useCaseP50Ms: catalog.results.useCase.p50Ms,
    apiP50Ms: catalog.results.api.p50Ms,
    checkP50Ms: scan.p50Ms,
    checkPercentOfUseCaseP50: ratio(scan.p50Ms, catalog.results.useCase.p50Ms),
    checkPercentOfApiP50: ratio(scan.p50Ms, catalog.results.api.p50Ms),
  },
});
console.log(JSON.stringify(results, null, 2));
console.log(`Wrote ${file}`);

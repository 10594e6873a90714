// The POS scan: GET /v1/skus?barcode= at a till. Three ways to find the same SKU, in one run:
//   getItem  - a bare GetItem of the barcode item with the raw SDK client (baseline)
//   useCase  - findSkuByBarcode() in-process: key building, ElectroDB, the view mapping
//   api      - GET /v1/skus?barcode= over HTTP: + gateway, JWT, request quota, middy chain, worker
// The use case is exactly one DynamoDB call (counted here); the API adds the request quota, which
// admits most requests from its function instance's leased block of tokens with no DynamoDB call
// and writes the tenant-second counter once per block (tenants/request-quota.ts).
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { LocalCloud } from '../local/cloud.ts';
import { withCheckDigit } from '../domain/catalog/barcode.ts';
import { measureInterleaved, writeResult } from './measure.ts';
import { bareClient, countedScope, useLocalEngine } from './local-engine.ts';

const OPTIONS = { warmup: 100, iterations: 1000 };
const SKUS = 30;
/** The pooled tier's request quota is 100/s per tenant: API calls are spaced to stay well under it. */
const API_SPACING_MS = 20;

type Session = { token: string; tenantId: string; userId: string };

export const runCatalogBench = async (cloud: LocalCloud, session: Session) => {
  useLocalEngine(cloud);
  const { findSkuByBarcode } = await import('../domain/catalog/skus.ts');
  const { createCatalogService } = await import('../domain/catalog/catalog-service.ts');

  const barcodes = Array.from({ length: SKUS }, (_, i) => withCheckDigit(`69580000${String(i).padStart(4, '0')}`));
  const res = await fetch(`${cloud.apiUrl}/v1/products`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: '扫码测试', skus: barcodes.map((barcode, i) => ({ code: `SCAN-${i}`, barcode, unit: '个', listPrice: 100 + i })) }),
  });
  if (res.status !== 201) throw new Error(`bench product refused: ${res.status} ${await res.text()}`);

  const raw = bareClient(cloud);
  const counted = countedScope(cloud);
  const { calls } = counted;
  const service = createCatalogService(counted.scope);
  const ctx = { tenantId: session.tenantId, userId: session.userId, role: 'cashier' as const, storeIds: [] };

  let n = 0;
  const next = () => barcodes[n++ % SKUS]!;
  const results = await measureInterleaved(
    {
      getItem: async () => {
        const { Item } = await raw.send(new GetItemCommand({ TableName: cloud.tables.main, Key: marshall({ pk: `${session.tenantId}#barcode#${next()}`, sk: 'barcode' }), ConsistentRead: true }));
        if (!Item) throw new Error('bare GetItem found nothing');
      },
      useCase: async () => {
        const { data } = await findSkuByBarcode(ctx, next(), { service });
        if (data.length !== 1) throw new Error('use case found nothing');
      },
      api: async () => {
        const r = await fetch(`${cloud.apiUrl}/v1/skus?barcode=${next()}`, { headers: { authorization: `Bearer ${session.token}` } });
        const body = (await r.json()) as { data?: unknown[] };
        if (r.status !== 200 || body.data?.length !== 1) throw new Error(`API answered ${r.status}`);
      },
    },
    { ...OPTIONS, paced: { variant: 'api', spacingMs: API_SPACING_MS } },
  );
  calls.length = 0;
  await findSkuByBarcode(ctx, barcodes[0]!, { service });
  const dynamoCallsPerLookup = calls.length;
  raw.destroy();
  counted.destroy();

  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const result = {
    description: `Barcode lookup of ${SKUS} SKUs round-robin: bare consistent GetItem vs findSkuByBarcode() in-process vs GET /v1/skus?barcode= through the local gateway`,
    dynamoCallsPerLookup,
    results,
    ratios: { useCaseOverGetItemP50: ratio(results.useCase.p50Ms, results.getItem.p50Ms), apiOverGetItemP50: ratio(results.api.p50Ms, results.getItem.p50Ms) },
  };
  writeResult('catalog', result);
  return result;
};

// Import jobs end even when a chunk never goes through: a chunk that fails every delivery is moved
// to its queue's DLQ after maxReceiveCount (by the queue, as SQS does), the deadLetter function
// lists the rows it had not handled as chunk_failed, counts the chunk once however often its dead
// letter comes, and the job ends `failed` with counters that add up. The failing chunks are real
// chunks of real jobs, queued through the imports' own enqueue seam: one the consumer cannot read
// at all (as a chunk queued by another version might be), one whose handler fails after importing
// part of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { withCheckDigit } from '../../domain/catalog/barcode.ts';
import { call, cloud, eventually, newTenant, type TestTenant } from '../support/api.ts';
import { catalogSettled, catalogVersion } from '../support/catalog.ts';
import { sharedScope } from '../support/scope.ts';

type Chunk = { jobId: string; chunk: number; [field: string]: unknown };

let sqs: SQSClient;
const sent: Record<string, Chunk[]> = {};

beforeAll(() => {
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  sqs = new SQSClient({ endpoint: cloud().endpoints.sqs, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return () => sqs.destroy();
});

const ctxOf = (t: TestTenant) => ({ tenantId: t.tenantId, userId: t.adminId, role: 'hq_admin' as const, storeIds: [] });

/** The imports' real enqueue onto the real queue, with `spoil` applied to the chunks it names. */
const enqueueSpoiling = (queue: 'storeImports' | 'productImports', spoil: (chunk: Chunk) => Chunk) => async (jobId: string, chunks: readonly Chunk[]) => {
  const { enqueueChunks } = await import('../../domain/jobs/job-queue.ts');
  sent[jobId] = chunks.map(spoil);
  await enqueueChunks(sqs, cloud().queues[queue]!.url, jobId, sent[jobId]);
};

const ended = (t: TestTenant, jobId: string) =>
  eventually(async () => {
    const job = await call('GET', `/v1/jobs/${jobId}`, { token: t.token });
    return job.body.status === 'queued' || job.body.status === 'running' ? undefined : job.body;
  }, 90_000);

/** Delivers a chunk's dead letter again, as SQS may, and waits until the DLQ's consumer has taken it. */
const deadLetterAgain = async (queue: 'storeImports' | 'productImports', chunk: Chunk) => {
  const dlqUrl = cloud().queues[queue]!.dlqUrl!;
  await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: JSON.stringify(chunk), MessageGroupId: chunk.jobId, MessageDeduplicationId: `${chunk.jobId}-${chunk.chunk}-again` }));
  await eventually(async () => {
    const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    return Attributes.ApproximateNumberOfMessages === '0' && Attributes.ApproximateNumberOfMessagesNotVisible === '0' ? true : undefined;
  });
};

// The two imports' tests wait on retries most of the time, so they wait side by side.
describe.concurrent('an import chunk that dead-letters', () => {
  it('ends its store import job failed, its rows listed as chunk_failed, while the other chunks import', { timeout: 120_000 }, async () => {
    const chain = await newTenant('dead-stores');
    await call('POST', '/v1/regions', { token: chain.token, body: { name: 'Pudong' } });
    const { startStoreImport } = await import('../../domain/stores/store-import.ts');
    const { createStoreService } = await import('../../domain/stores/store-service.ts');
    const { systemClock } = await import('../../domain/shared/clock.ts');
    const service = createStoreService(await sharedScope(cloud().tables.main));

    // Rows 2-101 are chunk 0, rows 102-121 chunk 1 (row 121 names no region).
    const lines = [...Array.from({ length: 119 }, (_, i) => `DL-${i},Store ${i},Pudong,direct,${i} Road`), 'DL-X,Nowhere,Atlantis,direct,1 Sea Road'];
    const csv = ['code,name,regionName,ownership,address', ...lines].join('\n');
    // Chunk 0 loses its timezone: the consumer refuses to read it on every delivery. Chunk 1 waits
    // behind it (one message group per job) until it moves to the DLQ.
    const unreadable = ({ timezone: _, ...chunk }: Chunk) => chunk as Chunk;
    const enqueue = enqueueSpoiling('storeImports', (c) => (c.chunk === 0 ? unreadable(c) : c));
    const started = await startStoreImport(ctxOf(chain), csv, { timezone: 'Asia/Shanghai', tier: 'pooled' }, enqueue, { service, clock: systemClock });

    const job = await ended(chain, started.id);
    expect(job.status).toBe('failed');
    expect(job.progress).toEqual({ done: 120, total: 120, refused: 101 });
    expect(job.errors.map((e: { row: number }) => e.row)).toEqual([...Array.from({ length: 100 }, (_, i) => i + 2), 121]);
    expect(job.errors.slice(0, 100).every((e: { message: string }) => e.message.startsWith('chunk_failed:'))).toBe(true);
    expect(job.errors[100].message).toMatch(/Atlantis/);
    const stores = await call('GET', '/v1/stores?limit=100', { token: chain.token });
    expect(stores.body.data.map((s: { code: string }) => s.code).sort()).toEqual(Array.from({ length: 19 }, (_, i) => `DL-${i + 100}`).sort());

    await deadLetterAgain('storeImports', sent[started.id]![0]!);
    expect((await call('GET', `/v1/jobs/${started.id}`, { token: chain.token })).body).toEqual(job);
  });

  it('after importing part of a product import, keeps what it imported, fails only the rows it had not handled, moves the catalog version once, and ends the job failed', { timeout: 120_000 }, async () => {
    const chain = await newTenant('dead-products');
    const { startProductImport } = await import('../../domain/catalog/product-import.ts');
    const { createCatalogService } = await import('../../domain/catalog/catalog-service.ts');
    const { systemClock } = await import('../../domain/shared/clock.ts');
    const service = createCatalogService(await sharedScope(cloud().tables.main));

    const ean = (n: number) => withCheckDigit(`6922${String(n).padStart(8, '0')}`);
    // Rows 2-4 are product A, 5-7 product B, row 8 has no price.
    const rows = [0, 1, 2, 3, 4, 5].map((i) => `${i < 3 ? 'A' : 'B'},,,DLP-${i},${ean(i)},s${i},袋,${100 + i}`);
    const text = ['productName,categoryId,brand,skuCode,barcode,skuName,unit,listPrice', ...rows, 'C,,,DLP-X,,,袋,'].join('\n');
    // Product B's chunk still names row 7, but not its SKU: B imports with rows 5 and 6, row 7
    // never gets an outcome, and counting the chunk fails on every delivery.
    const dropLastSku = (c: Chunk) => {
      const entries = (c.entries as Array<{ group?: { product: { name: string }; skus: unknown[] } }>).map((e) =>
        e.group?.product.name === 'B' ? { group: { ...e.group, skus: e.group.skus.slice(0, -1) } } : e,
      );
      return { ...c, entries };
    };
    const before = await catalogVersion(chain);
    const started = await startProductImport(ctxOf(chain), { format: 'csv', text }, enqueueSpoiling('productImports', dropLastSku), { service, clock: systemClock });

    const job = await ended(chain, started.id);
    expect(job.status).toBe('failed');
    expect(job.progress).toEqual({ done: 7, total: 7, refused: 2 });
    expect(job.errors).toEqual([
      { row: 7, message: expect.stringMatching(/^chunk_failed:/) },
      { row: 8, message: expect.stringMatching(/listPrice/) },
    ]);
    const codes = await Promise.all([0, 1, 2, 3, 4, 5].map(async (i) => (await call('GET', `/v1/skus?code=DLP-${i}`, { token: chain.token })).body.data.length));
    expect(codes).toEqual([1, 1, 1, 1, 1, 0]);
    // The chunk imported rows, so its count (made by the deadLetter function) moved the version once.
    expect(await catalogVersion(chain)).toBe(before + 1);

    await deadLetterAgain('productImports', sent[started.id]![0]!);
    expect((await call('GET', `/v1/jobs/${started.id}`, { token: chain.token })).body).toEqual(job);
    await catalogSettled(chain);
    expect(await catalogVersion(chain)).toBe(before + 1);
  });
});

// Bulk product import as a job, on the machinery of the store import: the file is checked and cut
// into chunks at submission, chunks go through the FIFO productImports queue (one message group
// per job), every row is imported or refused exactly once (product-import-chunk.ts), and each
// chunk is counted into the job's progress once.
import { z } from 'zod';
import type { Clock } from '../shared/clock.ts';
import { ROLES, type TenantContext } from '../shared/tenancy.ts';
import { jobView, newJob } from '../jobs/jobs.ts';
import type { CatalogService } from './catalog-service.ts';
import { parseProductImport, type ImportEntry, type ImportFormat } from './product-import-file.ts';

export const PRODUCT_IMPORT_JOB = 'products.import';
/** Rows per chunk, as the store import; a product's rows are never split across chunks. */
const ROWS_PER_CHUNK = 100;
/** SQS takes 256 KiB a message; a chunk is closed well before that whatever its SKUs' attributes. */
const MAX_CHUNK_BYTES = 160_000;

const ChunkSku = z.object({
  row: z.number().int(),
  code: z.string(),
  barcode: z.string().optional(),
  name: z.string().optional(),
  unit: z.string(),
  listPrice: z.number().int(),
  attributes: z.record(z.string(), z.string()).optional(),
});

const ChunkEntry = z.union([
  z.object({
    group: z.object({
      rows: z.array(z.number().int()).min(1),
      product: z.object({ name: z.string(), categoryId: z.string().optional(), brand: z.string().optional() }),
      skus: z.array(ChunkSku).min(1),
    }),
  }),
  z.object({ refusal: z.object({ row: z.number().int(), message: z.string() }) }),
]);

export const ProductImportChunk = z.object({
  context: z.object({ tenantId: z.string(), userId: z.string(), role: z.enum(ROLES), storeIds: z.array(z.string()) }),
  jobId: z.string(),
  chunk: z.number().int().min(0),
  total: z.number().int(),
  entries: z.array(ChunkEntry),
});
export type ProductImportChunk = z.infer<typeof ProductImportChunk>;

type Deps = { service: CatalogService; clock: Clock };

const rowsOf = (e: ImportEntry) => ('group' in e ? e.group.rows.length : 1);

/** Packs entries in row order into chunks of about ROWS_PER_CHUNK rows and under MAX_CHUNK_BYTES. */
export const chunkEntries = (entries: readonly ImportEntry[]): ImportEntry[][] => {
  const chunks: ImportEntry[][] = [];
  let current: ImportEntry[] = [];
  let rows = 0;
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(JSON.stringify(entry));
    if (current.length && (rows + rowsOf(entry) > ROWS_PER_CHUNK || bytes + size > MAX_CHUNK_BYTES)) {
      chunks.push(current);
      current = [];
      rows = 0;
      bytes = 0;
    }
    current.push(entry);
    rows += rowsOf(entry);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
};

/**
 * Checks the file, records the job and queues its chunks. Nothing is queued for a file that does
 * not parse; a job whose chunks cannot all be queued is marked failed.
 */
export const startProductImport = async (
  ctx: TenantContext,
  file: { format: ImportFormat; text: string },
  enqueue: (jobId: string, chunks: ProductImportChunk[]) => Promise<void>,
  { service, clock }: Deps,
) => {
  const { total, entries } = parseProductImport(file.format, file.text);
  const job = newJob(ctx, PRODUCT_IMPORT_JOB, total, clock.now());
  await service.entities.job.create(job).go();
  const context = { ...ctx, storeIds: [...ctx.storeIds] };
  const chunks = chunkEntries(entries).map((chunk, i): ProductImportChunk => ({ context, jobId: job.jobId, chunk: i, total, entries: chunk }));
  try {
    await enqueue(job.jobId, chunks);
  } catch (error) {
    await service.entities.job.patch({ tenantId: ctx.tenantId, jobId: job.jobId }).set({ status: 'failed', updatedAt: clock.now().toISOString() }).go();
    throw error;
  }
  return jobView(job);
};

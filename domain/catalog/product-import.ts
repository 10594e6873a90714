// Bulk product import as a job, on the import machinery of domain/jobs (as the store import): the
// file is checked and cut into chunks at submission, chunks go through the FIFO productImports
// queue (one message group per job), every row is imported or refused exactly once
// (product-import-chunk.ts), each chunk is counted into the job's progress once, and a chunk that
// dead-letters ends its job failed.
import { z } from 'zod';
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { ChunkHeader, packChunks, startImportJob } from '../jobs/import-job.ts';
import type { CatalogService } from './catalog-service.ts';
import { parseProductImport, type ImportEntry, type ImportFormat } from './product-import-file.ts';

export const PRODUCT_IMPORT_JOB = 'products.import';
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

export const ProductImportChunk = ChunkHeader.extend({ entries: z.array(ChunkEntry) });
export type ProductImportChunk = z.infer<typeof ProductImportChunk>;

/** A chunk that dead-lettered, read for no more than its job and row numbers: whatever made it fail must not stop its job ending. */
export const DeadProductImportChunk = ChunkHeader.extend({
  entries: z.array(z.union([z.object({ group: z.object({ rows: z.array(z.number().int()) }) }), z.object({ refusal: z.object({ row: z.number().int() }) })])),
});
export type DeadProductImportChunk = z.infer<typeof DeadProductImportChunk>;

type Deps = { service: CatalogService; clock: Clock };

const rowsOf = (e: ImportEntry) => ('group' in e ? e.group.rows.length : 1);

/** Every row a chunk holds, in order. */
export const chunkRows = (chunk: Pick<DeadProductImportChunk, 'entries'>): number[] => [
  ...new Set(chunk.entries.flatMap((e) => ('group' in e ? e.group.rows : [e.refusal.row]))),
];

/** Packs entries in row order into chunks of about ROWS_PER_CHUNK rows and under MAX_CHUNK_BYTES; a product's rows are never split. */
export const chunkEntries = (entries: readonly ImportEntry[]): ImportEntry[][] => packChunks(entries, { rowsOf, maxBytes: MAX_CHUNK_BYTES });

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
  const bodies = chunkEntries(entries).map((chunk) => ({ entries: chunk }));
  return startImportJob(ctx, { type: PRODUCT_IMPORT_JOB, total, bodies }, enqueue, { jobs: service.entities, clock });
};

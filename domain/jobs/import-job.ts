// Starting a bulk import, for every import (stores, products): the checked rows are packed into
// chunks, the job is recorded, and the chunks are queued, one message each, on the import's FIFO
// queue (job-queue.ts). What a chunk carries besides its rows is the same for every import.
import { z } from 'zod';
import type { Clock } from '../shared/clock.ts';
import { ROLES, type TenantContext } from '../shared/tenancy.ts';
import type { JobEntity } from './job-entity.ts';
import type { JobMarkEntity } from './job-mark-entity.ts';
import { jobView, newJob, ROWS_PER_CHUNK } from './jobs.ts';

/** Every chunk message: who started the import (the tenant comes from here), the job, which chunk, and the job's row count. */
export const ChunkHeader = z.object({
  context: z.object({ tenantId: z.string(), userId: z.string(), role: z.enum(ROLES), storeIds: z.array(z.string()) }),
  jobId: z.string(),
  chunk: z.number().int().min(0),
  total: z.number().int(),
});
export type ChunkHeader = z.infer<typeof ChunkHeader>;

/** The job entities of whichever context runs the import (each context's service has both). */
export type JobEntities = { job: JobEntity; jobMark: JobMarkEntity };
export type JobDeps = { jobs: JobEntities; clock: Clock };

/**
 * Packs items (rows, or groups of rows that must stay together) in order into chunks of at most
 * `maxRows` rows, closing a chunk early once it would pass `maxBytes` of JSON.
 */
export const packChunks = <T>(items: readonly T[], { rowsOf = () => 1, maxRows = ROWS_PER_CHUNK, maxBytes = Infinity }: { rowsOf?: (item: T) => number; maxRows?: number; maxBytes?: number } = {}): T[][] => {
  const chunks: T[][] = [];
  let current: T[] = [];
  let rows = 0;
  let bytes = 0;
  for (const item of items) {
    const size = maxBytes === Infinity ? 0 : Buffer.byteLength(JSON.stringify(item));
    if (current.length && (rows + rowsOf(item) > maxRows || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      rows = 0;
      bytes = 0;
    }
    current.push(item);
    rows += rowsOf(item);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
};

/**
 * Records a job of `total` rows and queues one message a chunk body, numbered in order. Nothing
 * is queued before the job exists; a job whose chunks cannot all be queued is marked failed.
 */
export const startImportJob = async <B extends object>(
  ctx: TenantContext,
  job: { type: string; total: number; bodies: readonly B[] },
  enqueue: (jobId: string, chunks: (ChunkHeader & B)[]) => Promise<void>,
  { jobs, clock }: JobDeps,
) => {
  const record = newJob(ctx, job.type, job.total, clock.now());
  await jobs.job.create(record).go();
  const context = { ...ctx, storeIds: [...ctx.storeIds] };
  const chunks = job.bodies.map((body, chunk) => ({ context, jobId: record.jobId, chunk, total: job.total, ...body }));
  try {
    await enqueue(record.jobId, chunks);
  } catch (error) {
    await jobs.job.patch({ tenantId: ctx.tenantId, jobId: record.jobId }).set({ status: 'failed', updatedAt: clock.now().toISOString() }).go();
    throw error;
  }
  return jobView(record);
};

// Bulk store import as a job: the file is checked and split into chunks at submission, the
// chunks go through a FIFO queue (one message group per job), each row is imported, or refused
// with its reason, exactly once, and each chunk is counted into the job's progress exactly once.
import { z } from 'zod';
import type { Clock } from '../shared/clock.ts';
import { ROLES, type TenantContext } from '../shared/tenancy.ts';
import { newId } from '../shared/ids.ts';
import { forEachConcurrent } from '../shared/concurrency.ts';
import { isConditionalCheckFailed } from '../shared/dynamo.ts';
import { auditEntry } from '../audit/audit.ts';
import { completeIfDone, jobView, listable, markRunning, MARK_TTL_SECONDS, newJob, ROWS_PER_CHUNK } from '../jobs/jobs.ts';
import { chunkMark, rowMark } from '../jobs/job-mark-entity.ts';
import type { StoreService } from './store-service.ts';
import { NewStore, storeView } from './schemas.ts';
import { parseStoreCsv, type StoreCsvRow } from './store-csv.ts';
import { assertStoreRoom, countStores, ensureStoreCount, storeLimit } from './store-quota.ts';
import { TENANT_TIERS, type TenantTier } from '../shared/tiers.ts';

export const STORE_IMPORT_JOB = 'stores.import';
const ROW_CONCURRENCY = 8;

export const ImportChunk = z.object({
  context: z.object({ tenantId: z.string(), userId: z.string(), role: z.enum(ROLES), storeIds: z.array(z.string()) }),
  jobId: z.string(),
  chunk: z.number().int().min(0),
  total: z.number().int(),
  timezone: z.string(),
  /**
   * The tier's store quota, the condition on each row's write (store-quota.ts); the tier never
   * changes after signup. Chunks queued before this field existed were checked whole at
   * submission, so they get the largest tier's limit rather than refused rows.
   */
  storeLimit: z.number().int().positive().default(Math.max(...TENANT_TIERS.map(storeLimit))),
  rows: z.array(z.object({ row: z.number().int(), code: z.string(), name: z.string(), regionName: z.string(), ownership: z.string(), address: z.string() })),
});
export type ImportChunk = z.infer<typeof ImportChunk>;

type Deps = { service: StoreService; clock: Clock };

/** A row's own fields, checked as POST /v1/stores checks them; the region comes by name. */
const RowFields = NewStore.omit({ regionId: true, timezone: true });

const markExpiry = (now: Date) => Math.floor(now.getTime() / 1000) + MARK_TTL_SECONDS;

/**
 * Checks the file, records the job and queues its chunks. Nothing is queued for a file that does
 * not parse; a job whose chunks cannot all be queued is marked failed.
 */
export const startStoreImport = async (
  ctx: TenantContext,
  csv: string,
  tenant: { timezone: string; tier: TenantTier },
  enqueue: (jobId: string, chunks: ImportChunk[]) => Promise<void>,
  { service, clock }: Deps,
) => {
  const rows = parseStoreCsv(csv);
  // Checked for the whole file up front: a job never stops half-way for want of room.
  await assertStoreRoom(ctx, rows.length, tenant.tier, { service });
  const timezone = tenant.timezone;
  const job = newJob(ctx, STORE_IMPORT_JOB, rows.length, clock.now());
  await service.entities.job.create(job).go();
  const chunks: ImportChunk[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK)
    chunks.push({ context: { ...ctx, storeIds: [...ctx.storeIds] }, jobId: job.jobId, chunk: chunks.length, total: rows.length, timezone, storeLimit: storeLimit(tenant.tier), rows: rows.slice(i, i + ROWS_PER_CHUNK) });
  try {
    await enqueue(job.jobId, chunks);
  } catch (error) {
    await service.entities.job.patch({ tenantId: ctx.tenantId, jobId: job.jobId }).set({ status: 'failed', updatedAt: clock.now().toISOString() }).go();
    throw error;
  }
  return jobView(job);
};

/** Imports one chunk's rows and counts them. Safe to run again: nothing done is redone. */
export const importStoreChunk = async (chunk: ImportChunk, deps: Deps): Promise<void> => {
  const { tenantId } = chunk.context;
  await markRunning(tenantId, chunk.jobId, deps.service.entities.job, deps.clock.now());
  // Normally made at submission; a chunk queued before the counter existed makes it here.
  await ensureStoreCount(tenantId, deps);
  const regions = new Map(
    (await deps.service.entities.region.query.byTenant({ tenantId }).go({ pages: 'all' })).data.map((r) => [r.name, r.regionId]),
  );
  // Rows are independent (a code clash loses to whichever row commits first), so a few at a time.
  await forEachConcurrent(chunk.rows, ROW_CONCURRENCY, (row) => importRow(chunk, row, regions, deps));
  await countChunk(chunk, deps);
  await completeIfDone(tenantId, chunk.jobId, chunk.total, deps.service.entities.job, deps.clock.now());
};

const importRow = async (chunk: ImportChunk, row: StoreCsvRow, regions: Map<string, string>, deps: Deps) => {
  const ctx = chunk.context;
  const regionId = regions.get(row.regionName);
  const parsed = RowFields.safeParse(row);
  if (!regionId || !parsed.success) {
    const problems = [
      ...(regionId ? [] : [`regionName: no region named "${row.regionName}"`]),
      ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)),
    ];
    return refuseRow(chunk, row.row, problems.join('; '), deps);
  }
  const now = deps.clock.now();
  const store = { ...parsed.data, regionId, tenantId: ctx.tenantId, storeId: newId('store', now.getTime()), timezone: chunk.timezone, status: 'active' as const, createdAt: now.toISOString() };
  const { canceled, data } = await deps.service.transaction
    .write(({ jobMark, storeCode, store: s, auditEntry: a, storeCount }) => [
      jobMark.create({ tenantId: ctx.tenantId, jobId: chunk.jobId, mark: rowMark(row.row), outcome: 'imported', expiresAt: markExpiry(now) }).commit(),
      storeCode.create({ tenantId: ctx.tenantId, code: store.code, storeId: store.storeId }).commit(),
      s.create(store).commit(),
      a.create(auditEntry(ctx, { action: 'store.created', targetType: 'store', targetId: store.storeId, after: { ...storeView(store), importJobId: chunk.jobId } }, now)).commit(),
      countStores(storeCount, ctx.tenantId, 1, chunk.storeLimit),
    ])
    .go();
  if (!canceled || data[0]?.code === 'ConditionalCheckFailed') return; // done now, or by an earlier delivery
  if (data[1]?.code === 'ConditionalCheckFailed') return refuseRow(chunk, row.row, `Store code "${store.code}" already exists`, deps);
  // Stores created since the file was accepted took the room this row needed.
  if (data[4]?.code === 'ConditionalCheckFailed') return refuseRow(chunk, row.row, `The chain already has its tier's ${chunk.storeLimit} stores`, deps);
  throw new Error(`Import transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
};

const refuseRow = async (chunk: ImportChunk, row: number, message: string, { service, clock }: Deps) => {
  const mark = { tenantId: chunk.context.tenantId, jobId: chunk.jobId, mark: rowMark(row), outcome: 'refused' as const, message, expiresAt: markExpiry(clock.now()) };
  await service.entities.jobMark.create(mark).go().catch((error: unknown) => {
    if (!isConditionalCheckFailed(error)) throw error;
  });
};

/** Adds the chunk's rows and refusals to the job once, read back from the row marks. */
const countChunk = async (chunk: ImportChunk, { service, clock }: Deps) => {
  const { tenantId } = chunk.context;
  const { data: marks } = await service.entities.jobMark.get(chunk.rows.map((r) => ({ tenantId, jobId: chunk.jobId, mark: rowMark(r.row) }))).go({ consistent: true });
  if (marks.length !== chunk.rows.length) throw new Error(`Chunk ${chunk.chunk} of job ${chunk.jobId} has unhandled rows`);
  const errors = marks.flatMap((m) => (m.outcome === 'refused' ? [{ row: Number(m.mark.slice('row#'.length)), message: m.message ?? 'refused' }] : []));
  const now = clock.now();
  // Chunks of one job are counted one at a time (one FIFO message group per job), so the count
  // read here is still true when the transaction commits.
  const { data: job } = await service.entities.job.get({ tenantId, jobId: chunk.jobId }).go({ consistent: true });
  const listed = listable(errors, job?.errors.length ?? 0);
  const { canceled, data } = await service.transaction
    .write(({ jobMark, job }) => [
      jobMark.create({ tenantId, jobId: chunk.jobId, mark: chunkMark(chunk.chunk), outcome: 'counted', expiresAt: markExpiry(now) }).commit(),
      job.update({ tenantId, jobId: chunk.jobId }).add({ done: marks.length, refused: errors.length }).append({ errors: listed }).set({ updatedAt: now.toISOString() }).commit(),
    ])
    .go();
  if (canceled && data[0]?.code !== 'ConditionalCheckFailed') throw new Error(`Counting transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
};

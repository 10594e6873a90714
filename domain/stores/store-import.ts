// Bulk store import as a job: the file is checked and split into chunks at submission, the
// chunks go through a FIFO queue (one message group per job), and each row is imported, or
// refused with its reason, in one transaction that also counts it and marks it handled.
import { z } from 'zod';
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import { completeIfDone, jobView, markRunning, newJob, ROW_MARKER_TTL_SECONDS, ROWS_PER_CHUNK } from '../jobs/jobs.ts';
import type { StoreService } from './store-service.ts';
import { NewStore, storeView } from './schemas.ts';
import { newId } from '../shared/ids.ts';
import { forEachConcurrent } from '../shared/concurrency.ts';
import { parseStoreCsv, type StoreCsvRow } from './store-csv.ts';
import { ROLES } from '../shared/tenancy.ts';

export const STORE_IMPORT_JOB = 'stores.import';
const ROW_CONCURRENCY = 8;

export const ImportChunk = z.object({
  context: z.object({ tenantId: z.string(), userId: z.string(), role: z.enum(ROLES), storeIds: z.array(z.string()) }),
  jobId: z.string(),
  total: z.number().int(),
  timezone: z.string(),
  rows: z.array(z.object({ row: z.number().int(), code: z.string(), name: z.string(), regionName: z.string(), ownership: z.string(), address: z.string() })),
});
export type ImportChunk = z.infer<typeof ImportChunk>;

type Deps = { service: StoreService; clock: Clock };

/** A row's own fields, checked as POST /v1/stores checks them; the region comes by name. */
const RowFields = NewStore.omit({ regionId: true, timezone: true });

/**
 * Checks the file, records the job and queues its chunks. Nothing is queued for a file that does
 * not parse; a job whose chunks cannot all be queued is marked failed.
 */
export const startStoreImport = async (
  ctx: TenantContext,
  csv: string,
  timezone: string,
  enqueue: (jobId: string, chunks: ImportChunk[]) => Promise<void>,
  { service, clock }: Deps,
) => {
  const rows = parseStoreCsv(csv);
  const job = newJob(ctx, STORE_IMPORT_JOB, rows.length, clock.now());
  await service.entities.job.create(job).go();
  const chunks: ImportChunk[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK)
    chunks.push({ context: { ...ctx, storeIds: [...ctx.storeIds] }, jobId: job.jobId, total: rows.length, timezone, rows: rows.slice(i, i + ROWS_PER_CHUNK) });
  try {
    await enqueue(job.jobId, chunks);
  } catch (error) {
    await service.entities.job.patch({ tenantId: ctx.tenantId, jobId: job.jobId }).set({ status: 'failed', updatedAt: clock.now().toISOString() }).go();
    throw error;
  }
  return jobView(job);
};

const rowKey = (ctx: TenantContext, jobId: string, row: number) => ({ tenantId: ctx.tenantId, jobId, row });

/** Imports one chunk's rows. Safe to run again: rows already handled are skipped. */
export const importStoreChunk = async (chunk: ImportChunk, { service, clock }: Deps): Promise<void> => {
  const ctx = chunk.context;
  const now = clock.now();
  await markRunning(ctx.tenantId, chunk.jobId, service.entities.job, now);
  const regions = new Map(
    (await service.entities.region.query.byTenant({ tenantId: ctx.tenantId }).go({ pages: 'all' })).data.map((r) => [r.name, r.regionId]),
  );
  // Rows are independent (a code clash loses to whichever row commits first), so a few at a time.
  await forEachConcurrent(chunk.rows, ROW_CONCURRENCY, (row) => importRow(ctx, chunk, row, regions, { service, clock }));
  await completeIfDone(ctx.tenantId, chunk.jobId, chunk.total, service.entities.job, clock.now());
};

const importRow = async (ctx: TenantContext, chunk: ImportChunk, row: StoreCsvRow, regions: Map<string, string>, { service, clock }: Deps) => {
  const now = clock.now();
  const expiresAt = Math.floor(now.getTime() / 1000) + ROW_MARKER_TTL_SECONDS;
  const regionId = regions.get(row.regionName);
  const parsed = RowFields.safeParse(row);
  const problems = [
    ...(regionId ? [] : [`regionName: no region named "${row.regionName}"`]),
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)),
  ];
  if (!regionId || !parsed.success) return refuseRow(ctx, chunk, row.row, problems.join('; '), { service, clock });

  const store = { ...parsed.data, regionId, tenantId: ctx.tenantId, storeId: newId('store', now.getTime()), timezone: chunk.timezone, status: 'active' as const, createdAt: now.toISOString() };
  const { canceled, data } = await service.transaction
    .write(({ storeCode, store: s, auditEntry: a, jobRow, job }) => [
      jobRow.create({ ...rowKey(ctx, chunk.jobId, row.row), outcome: 'imported', expiresAt }).commit(),
      storeCode.create({ tenantId: ctx.tenantId, code: store.code, storeId: store.storeId }).commit(),
      s.create(store).commit(),
      a.create(auditEntry(ctx, { action: 'store.created', targetType: 'store', targetId: store.storeId, after: { ...storeView(store), importJobId: chunk.jobId } }, now)).commit(),
      job.update({ tenantId: ctx.tenantId, jobId: chunk.jobId }).add({ done: 1 }).set({ updatedAt: now.toISOString() }).commit(),
    ])
    .go();
  if (!canceled) return;
  if (data[0]?.code === 'ConditionalCheckFailed') return; // handled by an earlier delivery
  if (data[1]?.code === 'ConditionalCheckFailed') return refuseRow(ctx, chunk, row.row, `Store code "${store.code}" already exists`, { service, clock });
  throw new Error(`Import transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
};

const refuseRow = async (ctx: TenantContext, chunk: ImportChunk, row: number, message: string, { service, clock }: Deps) => {
  const now = clock.now();
  const expiresAt = Math.floor(now.getTime() / 1000) + ROW_MARKER_TTL_SECONDS;
  const { canceled, data } = await service.transaction
    .write(({ jobRow, job }) => [
      jobRow.create({ ...rowKey(ctx, chunk.jobId, row), outcome: 'refused', expiresAt }).commit(),
      job.update({ tenantId: ctx.tenantId, jobId: chunk.jobId }).add({ done: 1 }).append({ errors: [{ row, message }] }).set({ updatedAt: now.toISOString() }).commit(),
    ])
    .go();
  if (canceled && data[0]?.code !== 'ConditionalCheckFailed') throw new Error(`Refusal transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
};


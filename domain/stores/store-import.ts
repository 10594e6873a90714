// Bulk store import as a job, on the import machinery of domain/jobs: the file is checked and
// split into chunks at submission, the chunks go through the FIFO storeImports queue (one message
// group per job), each row is imported, or refused with its reason, exactly once, each chunk is
// counted into the job's progress exactly once, and a chunk that dead-letters ends its job failed.
import { z } from 'zod';
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { newId } from '../shared/ids.ts';
import { forEachConcurrent } from '../shared/concurrency.ts';
import { auditEntry } from '../audit/audit.ts';
import { ChunkHeader, packChunks, startImportJob } from '../jobs/import-job.ts';
import { endDeadChunk, importedMark, refuseRow, runChunk } from '../jobs/import-chunk.ts';
import type { StoreService } from './store-service.ts';
import { NewStore, storeView } from './schemas.ts';
import { parseStoreCsv, type StoreCsvRow } from './store-csv.ts';
import { assertStoreRoom, countStores, ensureStoreCount, storeLimit } from './store-quota.ts';
import { TENANT_TIERS, type TenantTier } from '../shared/tiers.ts';

export const STORE_IMPORT_JOB = 'stores.import';
const ROW_CONCURRENCY = 8;

export const ImportChunk = ChunkHeader.extend({
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

/** A chunk that dead-lettered, read for no more than its job and row numbers: whatever made it fail must not stop its job ending. */
export const DeadImportChunk = ChunkHeader.extend({ rows: z.array(z.object({ row: z.number().int() })) });
export type DeadImportChunk = z.infer<typeof DeadImportChunk>;

type Deps = { service: StoreService; clock: Clock };

/** A row's own fields, checked as POST /v1/stores checks them; the region comes by name. */
const RowFields = NewStore.omit({ regionId: true, timezone: true });

const jobDeps = ({ service, clock }: Deps) => ({ jobs: service.entities, clock });

/**
 * Checks the file, records the job and queues its chunks. Nothing is queued for a file that does
 * not parse; a job whose chunks cannot all be queued is marked failed.
 */
export const startStoreImport = async (
  ctx: TenantContext,
  csv: string,
  tenant: { timezone: string; tier: TenantTier },
  enqueue: (jobId: string, chunks: ImportChunk[]) => Promise<void>,
  deps: Deps,
) => {
  const rows = parseStoreCsv(csv);
  // Checked for the whole file up front: a job never stops half-way for want of room.
  await assertStoreRoom(ctx, rows.length, tenant.tier, deps);
  const bodies = packChunks(rows).map((chunkRows) => ({ timezone: tenant.timezone, storeLimit: storeLimit(tenant.tier), rows: chunkRows }));
  return startImportJob(ctx, { type: STORE_IMPORT_JOB, total: rows.length, bodies }, enqueue, jobDeps(deps));
};

/** Imports one chunk's rows and counts them. Safe to run again: nothing done is redone. */
export const importStoreChunk = (chunk: ImportChunk, deps: Deps): Promise<void> =>
  runChunk(
    chunk,
    chunk.rows.map((r) => r.row),
    async (handled) => {
      const pending = chunk.rows.filter((r) => !handled.has(r.row));
      if (!pending.length) return;
      const { tenantId } = chunk.context;
      // Normally made at submission; a chunk queued before the counter existed makes it here.
      await ensureStoreCount(tenantId, deps);
      const regions = new Map(
        (await deps.service.entities.region.query.byTenant({ tenantId }).go({ pages: 'all' })).data.map((r) => [r.name, r.regionId]),
      );
      // Rows are independent (a code clash loses to whichever row commits first), so a few at a time.
      await forEachConcurrent(pending, ROW_CONCURRENCY, (row) => importRow(chunk, row, regions, deps));
    },
    jobDeps(deps),
  );

/** Ends a chunk that dead-lettered: its unhandled rows fail as chunk_failed and the job ends failed. */
export const endDeadStoreChunk = (chunk: DeadImportChunk, deps: Deps): Promise<void> =>
  endDeadChunk(chunk, chunk.rows.map((r) => r.row), jobDeps(deps));

const importRow = async (chunk: ImportChunk, row: StoreCsvRow, regions: Map<string, string>, deps: Deps) => {
  const ctx = chunk.context;
  const regionId = regions.get(row.regionName);
  const parsed = RowFields.safeParse(row);
  if (!regionId || !parsed.success) {
    const problems = [
      ...(regionId ? [] : [`regionName: no region named "${row.regionName}"`]),
      ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)),
    ];
    return refuseRow(chunk, row.row, problems.join('; '), jobDeps(deps));
  }
  const now = deps.clock.now();
  const store = { ...parsed.data, regionId, tenantId: ctx.tenantId, storeId: newId('store', now.getTime()), timezone: chunk.timezone, status: 'active' as const, createdAt: now.toISOString() };
  const { canceled, data } = await deps.service.transaction
    .write(({ jobMark, storeCode, store: s, auditEntry: a, storeCount }) => [
      importedMark(jobMark, chunk, row.row, now),
      storeCode.create({ tenantId: ctx.tenantId, code: store.code, storeId: store.storeId }).commit(),
      s.create(store).commit(),
      a.create(auditEntry(ctx, { action: 'store.created', targetType: 'store', targetId: store.storeId, after: { ...storeView(store), importJobId: chunk.jobId } }, now)).commit(),
      countStores(storeCount, ctx.tenantId, 1, chunk.storeLimit),
    ])
    .go();
  if (!canceled || data[0]?.code === 'ConditionalCheckFailed') return; // done now, or by an earlier delivery
  if (data[1]?.code === 'ConditionalCheckFailed') return refuseRow(chunk, row.row, `Store code "${store.code}" already exists`, jobDeps(deps));
  // Stores created since the file was accepted took the room this row needed.
  if (data[4]?.code === 'ConditionalCheckFailed') return refuseRow(chunk, row.row, `The chain already has its tier's ${chunk.storeLimit} stores`, jobDeps(deps));
  throw new Error(`Import transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
};

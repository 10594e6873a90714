// Running one chunk of a bulk import, for every import (stores, products). Each row ends with one
// mark: `imported` is created in the transaction that imports the row, `refused` (with its
// reason) or `failed` on its own, and a row already marked keeps its mark, so a redelivered chunk
// repeats nothing. The chunk is then counted into the job from its rows' marks, in a transaction
// conditioned on creating the chunk's mark, so it is counted once; the job ends when its last row
// is counted. A chunk that dead-lettered ends the same way, its unmarked rows failed as
// chunk_failed, so no job waits for a chunk that will never come.
import { createWriteTransaction } from 'electrodb';
import { forEachConcurrent } from '../shared/concurrency.ts';
import { isConditionalCheckFailed } from '../shared/dynamo.ts';
import { retryOptimistically, RETRY } from '../shared/optimistic-retry.ts';
import type { JobInTransaction } from './job-entity.ts';
import { chunkMark, rowMark, rowOfMark, type JobMarkInTransaction } from './job-mark-entity.ts';
import { finishIfDone, listable, markRunning, MARK_TTL_SECONDS, type RowError } from './jobs.ts';
import type { ChunkHeader, JobDeps, JobEntities } from './import-job.ts';

/** The reason a row of a dead-lettered chunk is listed with. */
export const CHUNK_FAILED = 'chunk_failed';
export const CHUNK_FAILED_MESSAGE = `${CHUNK_FAILED}: the import gave up on this row's chunk after repeated failures; the row was not imported`;

const FAIL_CONCURRENCY = 8;
const COUNT_ATTEMPTS = 8;

const expiry = (now: Date) => Math.floor(now.getTime() / 1000) + MARK_TTL_SECONDS;
const markKey = (chunk: ChunkHeader, mark: string) => ({ tenantId: chunk.context.tenantId, jobId: chunk.jobId, mark });

/** The write that makes a row's import happen once: it belongs in the transaction that imports the row. */
export const importedMark = (jobMark: JobMarkInTransaction, chunk: ChunkHeader, row: number, now: Date) =>
  jobMark.create({ ...markKey(chunk, rowMark(row)), outcome: 'imported', expiresAt: expiry(now) }).commit();

const markRow = async (chunk: ChunkHeader, row: number, outcome: 'refused' | 'failed', message: string, { jobs, clock }: JobDeps): Promise<void> => {
  const mark = { ...markKey(chunk, rowMark(row)), outcome, message, expiresAt: expiry(clock.now()) };
  await jobs.jobMark.create(mark).go().catch((error: unknown) => {
    if (!isConditionalCheckFailed(error)) throw error;
  });
};

/** Refuses a row with its reason, once: a row that already has its outcome keeps it. */
export const refuseRow = (chunk: ChunkHeader, row: number, message: string, deps: JobDeps): Promise<void> => markRow(chunk, row, 'refused', message, deps);

const rowMarks = async (chunk: ChunkHeader, rows: readonly number[], { jobs }: JobDeps) => {
  if (!rows.length) return [];
  const { data } = await jobs.jobMark.get(rows.map((row) => markKey(chunk, rowMark(row)))).go({ consistent: true });
  return data.map((m) => ({ row: rowOfMark(m.mark), outcome: m.outcome, message: m.message }));
};

type JobTx = { job: JobInTransaction; jobMark: JobMarkInTransaction };
/** `seen` is the job as the count was planned on: its progress and how many errors it lists. */
const countWrites = (e: JobTx, chunk: ChunkHeader, count: { rows: number; errors: readonly RowError[]; failed: boolean }, seen: { done: number; listed: number }, now: Date) => {
  const job = { tenantId: chunk.context.tenantId, jobId: chunk.jobId };
  return [
    e.jobMark.create({ ...markKey(chunk, chunkMark(chunk.chunk)), outcome: 'counted', expiresAt: expiry(now) }).commit(),
    e.job
      .update(job)
      .add({ done: count.rows, refused: count.errors.length, ...(count.failed ? { failedChunks: 1 } : {}) })
      .append({ errors: listable(count.errors, seen.listed) })
      .set({ updatedAt: now.toISOString() })
      // Every count moves `done`, so this holds only if no other chunk was counted since `seen`
      // was read: the listing cap holds however many chunks are counted at once.
      .where((a, { eq }) => eq(a.done, seen.done))
      .commit(),
  ] as const;
};
/** The chunk's count, as two writes in this order: the chunk's mark, the job's progress. */
export type CountWrites = (e: JobTx) => ReturnType<typeof countWrites>;

/** Commits a chunk's count: alone (commitCountAlone), or in one transaction with writes of the import's own. */
export type CommitCount = (count: { imported: number; writes: CountWrites }) => Promise<void>;

/** A count that did not commit: the chunk was counted already, or the job changed since it was read. */
export class CountNotCommitted extends Error {
  constructor(readonly outcome: 'counted' | 'raced') {
    super(outcome === 'counted' ? 'The chunk is counted already' : 'The job changed while the chunk was counted');
  }
}

/** What a cancellation of the count's writes means (their codes, in CountWrites order), if it is theirs. */
export const countRefusal = (codes: readonly string[]): CountNotCommitted | undefined => {
  if (codes[0] === 'ConditionalCheckFailed') return new CountNotCommitted('counted');
  if (codes[1] === 'ConditionalCheckFailed' || codes.slice(0, 2).includes('TransactionConflict')) return new CountNotCommitted('raced');
  return undefined;
};

export const commitCountAlone =
  (jobs: JobEntities): CommitCount =>
  async ({ writes }) => {
    const { canceled, data } = await createWriteTransaction(jobs, (e) => [...writes(e)]).go();
    if (!canceled) return;
    const codes = data.map((d) => d.code);
    throw countRefusal(codes) ?? new Error(`Counting transaction canceled: ${JSON.stringify(codes)}`);
  };

/** Adds the chunk's rows, refusals and failure to the job once, read back from the row marks. */
const countChunk = async (chunk: ChunkHeader, rows: readonly number[], commit: CommitCount, deps: JobDeps): Promise<void> => {
  const { jobs, clock } = deps;
  if ((await jobs.jobMark.get(markKey(chunk, chunkMark(chunk.chunk))).go({ consistent: true })).data) return;
  const marks = await rowMarks(chunk, rows, deps);
  if (marks.length !== rows.length) throw new Error(`Chunk ${chunk.chunk} of job ${chunk.jobId} has unhandled rows`);
  const errors = marks.flatMap((m) => (m.outcome === 'imported' ? [] : [{ row: m.row, message: m.message ?? m.outcome }]));
  const failed = marks.some((m) => m.outcome === 'failed');
  const job = { tenantId: chunk.context.tenantId, jobId: chunk.jobId };
  await retryOptimistically(
    COUNT_ATTEMPTS,
    () => new Error(`Job ${chunk.jobId} kept changing while its chunk ${chunk.chunk} was counted`),
    async () => {
      const { data } = await jobs.job.get(job).go({ consistent: true });
      if (!data) throw new Error(`Job ${chunk.jobId} does not exist`);
      const seen = { done: data.done, listed: data.errors.length };
      const now = clock.now();
      try {
        await commit({ imported: marks.length - errors.length, writes: (e) => countWrites(e, chunk, { rows: marks.length, errors, failed }, seen, now) });
        return undefined;
      } catch (error) {
        if (!(error instanceof CountNotCommitted)) throw error;
        return error.outcome === 'raced' ? RETRY : undefined;
      }
    },
  );
};

/**
 * Runs a chunk: marks the job running, lets `importRows` import or refuse each row not yet handled
 * (each import's own work), counts the chunk and ends the job if this was its last row. Safe to
 * run again: nothing done is redone.
 */
export const runChunk = async (
  chunk: ChunkHeader,
  rows: readonly number[],
  importRows: (handled: ReadonlySet<number>) => Promise<void>,
  deps: JobDeps,
  commit: CommitCount = commitCountAlone(deps.jobs),
): Promise<void> => {
  const { tenantId } = chunk.context;
  const unique = [...new Set(rows)];
  await markRunning(tenantId, chunk.jobId, deps.jobs.job, deps.clock.now());
  await importRows(new Set((await rowMarks(chunk, unique, deps)).map((m) => m.row)));
  await countChunk(chunk, unique, commit, deps);
  await finishIfDone(tenantId, chunk.jobId, deps.jobs.job, deps.clock.now());
};

/**
 * Ends a chunk that dead-lettered: rows it had imported or refused keep their outcome, the rest
 * fail as chunk_failed, and the chunk is counted (once, however often its dead letter comes) as
 * failed, so the job ends `failed` when its last row is counted.
 */
export const endDeadChunk = (chunk: ChunkHeader, rows: readonly number[], deps: JobDeps, commit?: CommitCount): Promise<void> =>
  runChunk(
    chunk,
    rows,
    (handled) => forEachConcurrent([...new Set(rows)].filter((row) => !handled.has(row)), FAIL_CONCURRENCY, (row) => markRow(chunk, row, 'failed', CHUNK_FAILED_MESSAGE, deps)),
    deps,
    commit,
  );

// Jobs as users see them, and the bookkeeping every job type shares.
import { NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { isConditionalCheckFailed } from '../shared/dynamo.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import type { JobEntity, JobItem } from './job-entity.ts';
import type { JobView } from './views.ts';

/** Rows of one chunk message; SQS takes 256 KiB, so a chunk of CSV rows stays well below. */
export const ROWS_PER_CHUNK = 100;
export const MARK_TTL_SECONDS = 7 * 24 * 3600;
/** A job item stays far below DynamoDB's 400 KB however many rows a re-run refuses. */
export const MAX_LISTED_ERRORS = 1000;

export type RowError = { row: number; message: string };

/** The errors to append so that a job lists at most MAX_LISTED_ERRORS; `refused` counts them all. */
export const listable = (errors: readonly RowError[], alreadyListed: number): RowError[] => errors.slice(0, Math.max(0, MAX_LISTED_ERRORS - alreadyListed));

export const newJob = (ctx: TenantContext, type: string, total: number, now: Date) => ({
  tenantId: ctx.tenantId,
  jobId: newId('job', now.getTime()),
  type,
  createdBy: ctx.userId,
  status: total === 0 ? ('succeeded' as const) : ('queued' as const),
  total,
  done: 0,
  refused: 0,
  errors: [] as RowError[],
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

export const jobView = (j: Pick<JobItem, 'jobId' | 'type' | 'status' | 'done' | 'total' | 'refused' | 'errors' | 'createdAt' | 'updatedAt'>): JobView => ({
  id: j.jobId,
  type: j.type,
  status: j.status,
  // `refused` counts every refused row, listed or not (jobs made before it existed read 0).
  progress: { done: j.done, total: j.total, refused: j.refused ?? 0 },
  errors: [...j.errors].sort((a, b) => a.row - b.row),
  /** Refused rows past the listing cap: they are counted in progress.refused, not listed. */
  unlistedErrors: Math.max(0, (j.refused ?? 0) - j.errors.length),
  createdAt: j.createdAt,
  updatedAt: j.updatedAt,
});

/** A job is visible to the user who started it only (API.md: "who: creator"). */
export const getJob = async (ctx: TenantContext, jobId: string, jobs: JobEntity): Promise<JobView> => {
  const { data } = await jobs.get({ tenantId: ctx.tenantId, jobId }).go({ consistent: true });
  if (!data || data.createdBy !== ctx.userId) throw new NotFoundError('job');
  return jobView(data);
};

/** Marks the job running when its first chunk starts (a no-op afterwards). */
export const markRunning = async (tenantId: string, jobId: string, jobs: JobEntity, now: Date): Promise<void> => {
  await jobs
    .patch({ tenantId, jobId })
    .set({ status: 'running', updatedAt: now.toISOString() })
    .where((a, { eq }) => eq(a.status, 'queued'))
    .go()
    .catch(ignoreConditionFailure);
};

/**
 * How a job ends once every row is counted: `failed` if any of its chunks dead-lettered (its
 * unhandled rows are listed as chunk_failed), `succeeded` otherwise, refused rows or not.
 */
export const finalStatus = (job: Pick<JobItem, 'failedChunks'>): 'succeeded' | 'failed' => ((job.failedChunks ?? 0) > 0 ? 'failed' : 'succeeded');

/**
 * Ends the job once every row is counted; only the first caller to see that wins. `failedChunks`
 * moves only with `done`, so once `done` reaches `total` the status read here is final.
 */
export const finishIfDone = async (tenantId: string, jobId: string, jobs: JobEntity, now: Date): Promise<void> => {
  const { data: job } = await jobs.get({ tenantId, jobId }).go({ consistent: true });
  if (!job || job.status !== 'running' || job.done !== job.total) return;
  await jobs
    .patch({ tenantId, jobId })
    .set({ status: finalStatus(job), updatedAt: now.toISOString() })
    .where((a, { eq }) => `${eq(a.done, job.total)} AND ${eq(a.status, 'running')}`)
    .go()
    .catch(ignoreConditionFailure);
};

const ignoreConditionFailure = (error: unknown): void => {
  if (!isConditionalCheckFailed(error)) throw error;
};

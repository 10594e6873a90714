// Jobs as users see them, and the bookkeeping every job type shares.
import { NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { isConditionalCheckFailed } from '../shared/dynamo.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import type { createJobEntity, JobItem } from './job-entity.ts';

type JobEntity = ReturnType<typeof createJobEntity>;

/** Rows of one chunk message; SQS takes 256 KiB, so a chunk of CSV rows stays well below. */
export const ROWS_PER_CHUNK = 100;
export const MARK_TTL_SECONDS = 7 * 24 * 3600;

export const newJob = (ctx: TenantContext, type: string, total: number, now: Date) => ({
  tenantId: ctx.tenantId,
  jobId: newId('job', now.getTime()),
  type,
  createdBy: ctx.userId,
  status: total === 0 ? ('succeeded' as const) : ('queued' as const),
  total,
  done: 0,
  errors: [] as { row: number; message: string }[],
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

export const jobView = (j: Pick<JobItem, 'jobId' | 'type' | 'status' | 'done' | 'total' | 'errors' | 'createdAt' | 'updatedAt'>) => ({
  id: j.jobId,
  type: j.type,
  status: j.status,
  progress: { done: j.done, total: j.total },
  errors: [...j.errors].sort((a, b) => a.row - b.row),
  createdAt: j.createdAt,
  updatedAt: j.updatedAt,
});

/** A job is visible to the user who started it only (API.md: "who: creator"). */
export const getJob = async (ctx: TenantContext, jobId: string, jobs: JobEntity) => {
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

/** Marks the job finished once every row is counted; only the first caller to see that wins. */
export const completeIfDone = async (tenantId: string, jobId: string, total: number, jobs: JobEntity, now: Date): Promise<void> => {
  await jobs
    .patch({ tenantId, jobId })
    .set({ status: 'succeeded', updatedAt: now.toISOString() })
    .where((a, { eq }) => `${eq(a.done, total)} AND ${eq(a.status, 'running')}`)
    .go()
    .catch(ignoreConditionFailure);
};

const ignoreConditionFailure = (error: unknown): void => {
  if (!isConditionalCheckFailed(error)) throw error;
};

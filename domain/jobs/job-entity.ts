// An asynchronous job (bulk imports): progress is counted in the same transactions that do the
// work, so `done` is exactly the number of rows handled and `errors` exactly the rows refused.
import { Entity, type EntityItem, type TransactWriteEntity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

export const createJobEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'job', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        jobId: { type: 'string', required: true, readOnly: true },
        type: { type: 'string', required: true, readOnly: true },
        createdBy: { type: 'string', required: true, readOnly: true },
        status: { type: JOB_STATUSES, required: true },
        total: { type: 'number', required: true, readOnly: true },
        done: { type: 'number', required: true },
        /** Rows refused so far, all of them; `errors` lists at most MAX_LISTED_ERRORS. */
        refused: { type: 'number' },
        /** Chunks that dead-lettered: their unhandled rows are refused as chunk_failed, and the job ends failed. */
        failedChunks: { type: 'number' },
        errors: { type: 'list', required: true, items: { type: 'map', properties: { row: { type: 'number', required: true }, message: { type: 'string', required: true } } } },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'jobId'], template: '${tenantId}#job#${jobId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'job', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type JobEntity = ReturnType<typeof createJobEntity>;
export type JobItem = EntityItem<JobEntity>;
/** The job as a transaction's write callback receives it. */
export type JobInTransaction = JobEntity extends Entity<infer A, infer F, infer C, infer S> ? TransactWriteEntity<A, F, C, S> : never;

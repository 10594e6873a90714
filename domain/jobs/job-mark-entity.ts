// What a job has already done, one mark per row (imported, refused and why, or failed with its
// dead-lettered chunk) and per chunk (counted into the job's progress). Creating a mark is the
// condition of the transaction that does the work, so a redelivered chunk repeats nothing.
import { Entity, type TransactWriteEntity } from 'electrodb';
import type { DocumentClient } from '../shared/data-scope.ts';

export const createJobMarkEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'jobMark', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        jobId: { type: 'string', required: true, readOnly: true },
        /** `row#<n>` or `chunk#<n>`. */
        mark: { type: 'string', required: true, readOnly: true },
        outcome: { type: ['imported', 'refused', 'failed', 'counted'] as const, required: true, readOnly: true },
        message: { type: 'string', readOnly: true },
        /** Epoch seconds: marks matter only while the job's messages can still be redelivered. */
        expiresAt: { type: 'number', required: true, readOnly: true },
      },
      indexes: {
        byMark: {
          pk: { field: 'pk', composite: ['tenantId', 'jobId', 'mark'], template: '${tenantId}#job#${jobId}#${mark}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'mark', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type JobMarkEntity = ReturnType<typeof createJobMarkEntity>;
/** The marks as a transaction's write callback receives them. */
export type JobMarkInTransaction = JobMarkEntity extends Entity<infer A, infer F, infer C, infer S> ? TransactWriteEntity<A, F, C, S> : never;

export const rowMark = (row: number): string => `row#${row}`;
export const rowOfMark = (mark: string): number => Number(mark.slice('row#'.length));
export const chunkMark = (chunk: number): string => `chunk#${chunk}`;

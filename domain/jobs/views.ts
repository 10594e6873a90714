// What the job routes answer (API.md: GET /v1/jobs/{id}, and the 202 of every import that starts
// one): the schema of a job's view. jobs.ts's jobView is typed by it.
import { z } from 'zod';
import { Id, Timestamp } from '../shared/fields.ts';
import { JOB_STATUSES } from './job-entity.ts';

export const JobView = z
  .object({
    id: Id('job'),
    type: z.string().describe('What the job does, e.g. an import of stores or products'),
    status: z.enum(JOB_STATUSES),
    progress: z.object({ done: z.number().int(), total: z.number().int(), refused: z.number().int().describe('Rows refused, listed or not') }),
    errors: z.array(z.object({ row: z.number().int(), message: z.string() })).describe('Refused rows by row number, up to a cap'),
    unlistedErrors: z.number().int().describe('Refused rows past the listing cap'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Job' });
export type JobView = z.output<typeof JobView>;

// The Lambda side of every bulk import's queues (the chunks and their dead letters): one FIFO
// batch processor a function, each message parsed with the import's own schema. FIFO processing
// stops a job's later messages when one fails; every row is idempotent, so a redelivered message
// finishes its work without doubling a row.
import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import type { ChunkHeader } from '../../domain/jobs/import-job.ts';
import { logger } from '../middleware/logger.ts';

// The tenant comes from our own queue message, written by the import that the tenant's token started.
export const importConsumer = <S extends z.ZodType<ChunkHeader>>(schema: S, handle: (chunk: z.infer<S>) => Promise<void>, { deadLetters = false } = {}) => {
  const processor = new SqsFifoPartialProcessorAsync();
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const chunk = schema.parse(JSON.parse(record.body));
    // A dead letter is a chunk the import gave up on: worth a line in the logs as well as in its job.
    if (deadLetters) logger.warn('Import chunk dead-lettered; ending its job', { tenantId: chunk.context.tenantId, jobId: chunk.jobId, chunk: chunk.chunk });
    await handle(chunk);
  };
  return async (event: SQSEvent, context: Context) => processPartialResponse(event, recordHandler, processor, { context, skipGroupOnError: true });
};

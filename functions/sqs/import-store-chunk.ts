// Imports the store rows of one chunk. FIFO processing stops a job's later chunks when one fails,
// and every row is idempotent, so a redelivered chunk finishes the job without doubling a row.
import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { ImportChunk, importStoreChunk } from '../../domain/stores/store-import.ts';
import { createStoreService } from '../../domain/stores/store-service.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { scoped } from '../../tenants/data-access.ts';

const services = scoped(createStoreService);
const processor = new SqsFifoPartialProcessorAsync();

// The tenant comes from our own queue message, written by the import that the tenant's token started.
const recordHandler = async (record: SQSRecord): Promise<void> => {
  const chunk = ImportChunk.parse(JSON.parse(record.body));
  await importStoreChunk(chunk, { service: await services(chunk.context.tenantId), clock: systemClock });
};

export const handler = async (event: SQSEvent, context: Context) => processPartialResponse(event, recordHandler, processor, { context, skipGroupOnError: true });

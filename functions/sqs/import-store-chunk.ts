// Imports the store rows of one chunk. FIFO processing stops a job's later chunks when one fails,
// and every row is idempotent, so a redelivered chunk finishes the job without doubling a row.
import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { ImportChunk, importStoreChunk } from '../../domain/stores/store-import.ts';
import { createStoreService } from '../../domain/stores/store-service.ts';
import { systemClock } from '../../domain/shared/clock.ts';

const service = createStoreService();
const processor = new SqsFifoPartialProcessorAsync();

const recordHandler = async (record: SQSRecord): Promise<void> => importStoreChunk(ImportChunk.parse(JSON.parse(record.body)), { service, clock: systemClock });

export const handler = async (event: SQSEvent, context: Context) => processPartialResponse(event, recordHandler, processor, { context, skipGroupOnError: true });

// Imports the product rows of one chunk. FIFO processing stops a job's later chunks when one fails,
// and every row is idempotent, so a redelivered chunk finishes the job without doubling a row.
import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { ProductImportChunk } from '../../domain/catalog/product-import.ts';
import { importProductChunk } from '../../domain/catalog/product-import-chunk.ts';
import { createCatalogService } from '../../domain/catalog/catalog-service.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { scoped } from '../../tenants/data-access.ts';

const services = scoped(createCatalogService);
const processor = new SqsFifoPartialProcessorAsync();

// The tenant comes from our own queue message, written by the import that the tenant's token started.
const recordHandler = async (record: SQSRecord): Promise<void> => {
  const chunk = ProductImportChunk.parse(JSON.parse(record.body));
  await importProductChunk(chunk, { service: await services(chunk.context.tenantId), clock: systemClock });
};

export const handler = async (event: SQSEvent, context: Context) => processPartialResponse(event, recordHandler, processor, { context, skipGroupOnError: true });

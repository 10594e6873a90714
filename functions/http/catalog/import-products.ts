import { httpHandler } from '../../middleware/http-handler.ts';
import { accepted } from '../../middleware/responses.ts';
import { startProductImport } from '../../../domain/catalog/product-import.ts';
import { createCatalogService } from '../../../domain/catalog/catalog-service.ts';
import { enqueueChunks } from '../../../domain/jobs/job-queue.ts';
import { sqsClient } from '../../../domain/shared/events/publish.ts';
import { boundQueueUrl } from '../../../domain/shared/bindings.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { importFile } from './import-file.ts';
import { JobView } from '../../../domain/jobs/views.ts';

const services = scoped(createCatalogService);
const queueUrl = boundQueueUrl('productImports');

export const handler = httpHandler({ idempotency: 'optional', rawBody: ['text/csv', 'application/x-ndjson'], response: JobView, status: 202 }, async ({ tenant, event }) => {
  const file = importFile(event);
  const enqueue = (jobId: string, chunks: unknown[]) => enqueueChunks(sqsClient, queueUrl, jobId, chunks);
  return accepted(await startProductImport(tenant(), file, enqueue, { service: await services(tenant().tenantId), clock: systemClock }));
});

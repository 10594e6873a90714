import { httpHandler } from '../../middleware/http-handler.ts';
import { accepted, csvBody } from '../../middleware/responses.ts';
import { startStoreImport } from '../../../domain/stores/store-import.ts';
import { createStoreService } from '../../../domain/stores/store-service.ts';
import { enqueueChunks } from '../../../domain/jobs/job-queue.ts';
import { sqsClient } from '../../../domain/shared/events/publish.ts';
import { boundQueueUrl } from '../../../domain/shared/bindings.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { getTenantProfile } from '../../../tenants/tenant-profile.ts';
import { createTenancyService } from '../../../tenants/store.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { JobView } from '../../../domain/jobs/views.ts';

const services = scoped(createStoreService);
const tenancies = scoped(createTenancyService);
const queueUrl = boundQueueUrl('storeImports');

export const handler = httpHandler({ idempotency: 'optional', rawBody: ['text/csv'], response: JobView, status: 202 }, async ({ tenant, event }) => {
  const csv = csvBody(event);
  const { tenantId } = tenant();
  const { settings, tier } = await getTenantProfile(tenant(), { service: await tenancies(tenantId) });
  const enqueue = (jobId: string, chunks: unknown[]) => enqueueChunks(sqsClient, queueUrl, jobId, chunks);
  return accepted(await startStoreImport(tenant(), csv, { timezone: settings.timezone, tier }, enqueue, { service: await services(tenantId), clock: systemClock }));
});

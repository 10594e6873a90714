import { z } from 'zod';
import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { getJob } from '../../../domain/jobs/jobs.ts';
import { createJobEntity } from '../../../domain/jobs/job-entity.ts';
import { idPattern } from '../../../domain/shared/ids.ts';
import { scoped } from '../../../tenants/data-access.ts';
import { JobView } from '../../../domain/jobs/views.ts';

const jobEntities = scoped(({ tenantTable, client }) => createJobEntity(tenantTable, client));

export const handler = httpHandler({ path: z.object({ id: z.string().regex(idPattern('job'), 'a job id (job_...)') }), response: JobView }, async ({ tenant, path }) =>
  ok(await getJob(tenant(), path.id, await jobEntities(tenant().tenantId))),
);

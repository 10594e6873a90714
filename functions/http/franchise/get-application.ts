import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { ApplicationPath, ApplicationView } from '../../../domain/franchise/schemas.ts';
import { getApplication } from '../../../domain/franchise/applications.ts';
import { createFranchiseService } from '../../../domain/franchise/franchise-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createFranchiseService);

export const handler = httpHandler({ path: ApplicationPath, response: ApplicationView }, async ({ tenant, path }) => ok(await getApplication(tenant(), path.id, { service: await services(tenant().tenantId) })));

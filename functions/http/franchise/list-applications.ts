import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { ApplicationListQuery, ApplicationPage } from '../../../domain/franchise/schemas.ts';
import { listApplications } from '../../../domain/franchise/applications.ts';
import { createFranchiseService } from '../../../domain/franchise/franchise-service.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createFranchiseService);

export const handler = httpHandler({ query: ApplicationListQuery, response: ApplicationPage }, async ({ tenant, query }) => ok(await listApplications(tenant(), query, { service: await services(tenant().tenantId) })));

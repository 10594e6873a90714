import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { ApplicationListQuery } from '../../../domain/franchise/schemas.ts';
import { listApplications } from '../../../domain/franchise/applications.ts';
import { createFranchiseService } from '../../../domain/franchise/franchise-service.ts';

const service = createFranchiseService();

export const handler = httpHandler({ query: ApplicationListQuery }, async ({ tenant, query }) => ok(await listApplications(tenant(), query, { service })));

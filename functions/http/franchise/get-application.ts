import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { ApplicationPath } from '../../../domain/franchise/schemas.ts';
import { getApplication } from '../../../domain/franchise/applications.ts';
import { createFranchiseService } from '../../../domain/franchise/franchise-service.ts';

const service = createFranchiseService();

export const handler = httpHandler({ path: ApplicationPath }, async ({ tenant, path }) => ok(await getApplication(tenant(), path.id, { service })));

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { ApplicationPath, ApplicationRejected, Rejection } from '../../../domain/franchise/schemas.ts';
import { rejectApplication } from '../../../domain/franchise/applications.ts';
import { createFranchiseService } from '../../../domain/franchise/franchise-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { scoped } from '../../../tenants/data-access.ts';

const services = scoped(createFranchiseService);

export const handler = httpHandler({ body: Rejection, path: ApplicationPath, response: ApplicationRejected }, async ({ tenant, body, path }) =>
  ok(await rejectApplication(tenant(), path.id, body, { service: await services(tenant().tenantId), clock: systemClock })),
);

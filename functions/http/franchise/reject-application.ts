import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { ApplicationPath, Rejection } from '../../../domain/franchise/schemas.ts';
import { rejectApplication } from '../../../domain/franchise/applications.ts';
import { createFranchiseService } from '../../../domain/franchise/franchise-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';

const service = createFranchiseService();

export const handler = httpHandler({ body: Rejection, path: ApplicationPath }, async ({ tenant, body, path }) =>
  ok(await rejectApplication(tenant(), path.id, body, { service, clock: systemClock })),
);

import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { NewApplication } from '../../../tenants/franchise/application-request.ts';
import { submitApplication } from '../../../tenants/franchise/submit-application.ts';
import { createFranchiseService } from '../../../domain/franchise/franchise-service.ts';
import { ApplicationSubmitted } from '../../../domain/franchise/schemas.ts';
import { cipherFromEnv } from '../../../domain/shared/crypto/cipher-from-env.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { platformScope, scoped } from '../../../tenants/data-access.ts';

const platform = createFranchiseService(platformScope());
const franchiseOf = scoped(createFranchiseService);
const cipher = cipherFromEnv();

export const handler = httpHandler({ body: NewApplication, idempotency: 'optional', response: ApplicationSubmitted, status: 201 }, async ({ body, event }) =>
  created(await submitApplication(body, { sourceIp: event.requestContext.http.sourceIp }, { platform, franchiseOf, cipher, clock: systemClock })),
);

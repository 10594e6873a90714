import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { SignupInput, signUp } from '../../../tenants/signup.ts';
import { identityProviderFromEnv } from '../../../tenants/identity/identity-provider.ts';
import { createTenancyService } from '../../../tenants/store.ts';
import { systemClock } from '../../../domain/shared/clock.ts';

const service = createTenancyService();
const identity = identityProviderFromEnv();

export const handler = httpHandler({ body: SignupInput, idempotency: 'optional' }, async ({ body }) =>
  created(await signUp(body, { service, identity, clock: systemClock })),
);

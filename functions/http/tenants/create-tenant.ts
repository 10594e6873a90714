import { httpHandler } from '../../middleware/http-handler.ts';
import { created } from '../../middleware/responses.ts';
import { SignupInput, signUp } from '../../../tenants/signup.ts';
import { identityProviderFromEnv } from '../../../tenants/identity/identity-provider.ts';
import { createTenancyService } from '../../../tenants/store.ts';
import { platformScope, scopeOf } from '../../../tenants/data-access.ts';
import { siloTablesFromEnv } from '../../../tenants/silo-tables.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { SignupView } from '../../../tenants/views.ts';

const deps = {
  platform: createTenancyService(platformScope()),
  tenancyFor: (route: Parameters<typeof scopeOf>[0]) => createTenancyService(scopeOf(route)),
  siloTables: siloTablesFromEnv(),
  identity: identityProviderFromEnv(),
  clock: systemClock,
};

export const handler = httpHandler({ body: SignupInput, idempotency: 'optional', response: SignupView, status: 201 }, async ({ body }) => created(await signUp(body, deps)));

import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { TokenRequest, signIn } from '../../../tenants/authenticate-user.ts';
import { identityProviderFromEnv } from '../../../tenants/identity/identity-provider.ts';
import { createTenancyService } from '../../../tenants/store.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { platformScope, scoped } from '../../../tenants/data-access.ts';
import { AccessTokenView } from '../../../tenants/views.ts';

const platform = createTenancyService(platformScope());
const tenancyOf = scoped(createTenancyService);
const identity = identityProviderFromEnv();

export const handler = httpHandler({ body: TokenRequest, response: AccessTokenView }, async ({ body, event }) => {
  const caller = { ipAddress: event.requestContext.http.sourceIp, serverName: event.requestContext.domainName, serverPath: event.rawPath, headers: event.headers as Record<string, string> };
  return ok(await signIn(body, caller, { platform, tenancyOf, identity, clock: systemClock }));
});

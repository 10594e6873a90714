import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { TokenRequest, signIn } from '../../../tenants/authenticate-user.ts';
import { identityProviderFromEnv } from '../../../tenants/identity/identity-provider.ts';
import { createTenancyService } from '../../../tenants/store.ts';

const service = createTenancyService();
const identity = identityProviderFromEnv();

export const handler = httpHandler({ body: TokenRequest }, async ({ body }) => ok(await signIn(body, { service, identity })));

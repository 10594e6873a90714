import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { TokenRequest, authenticateUser } from '../../../tenants/authenticate-user.ts';
import { issueAccessToken } from '../../../tenants/identity/access-token.ts';
import { createTenancyService } from '../../../tenants/store.ts';

const service = createTenancyService();

export const handler = httpHandler({ body: TokenRequest }, async ({ body }) =>
  ok(await issueAccessToken(await authenticateUser(body, { service }))),
);

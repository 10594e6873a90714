import { httpHandler } from '../../middleware/http-handler.ts';
import { ok } from '../../middleware/responses.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { cipherFromEnv } from '../../../domain/shared/crypto/cipher-from-env.ts';
import { createChannelService } from '../../../domain/channels/channel-service.ts';
import { ChannelPath } from '../../../domain/channels/platforms.ts';
import { setCredentials } from '../../../domain/channels/accounts/credentials.ts';
import { ChannelAccountView, CredentialsChange } from '../../../domain/channels/accounts/schemas.ts';
import { platformScope, scoped } from '../../../tenants/data-access.ts';

const platform = createChannelService(platformScope());
const channels = scoped(createChannelService);
const cipher = cipherFromEnv();

export const handler = httpHandler({ path: ChannelPath, body: CredentialsChange, response: ChannelAccountView }, async ({ tenant, path, body }) =>
  ok(await setCredentials(tenant(), path.channel, body, { channels: await channels(tenant().tenantId), platform, cipher, clock: systemClock })),
);

// POST (and GET) /v1/channels/{channel}/webhook: a delivery platform's push. Public: the tenant is
// the one the push's verified app belongs to (domain/channels/pushes/receive-push.ts).
import { httpHandler } from '../../middleware/http-handler.ts';
import { logger } from '../../middleware/logger.ts';
import { NotFoundError } from '../../../domain/shared/errors.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { cipherFromEnv } from '../../../domain/shared/crypto/cipher-from-env.ts';
import { createChannelService } from '../../../domain/channels/channel-service.ts';
import { ChannelPlatform } from '../../../domain/channels/platforms.ts';
import { receivePush } from '../../../domain/channels/pushes/receive-push.ts';
import { PushAnswer } from '../../../domain/channels/pushes/push-answer.ts';
import { createOrderServices } from '../../../domain/orders/order-deps.ts';
import { platformScope, scoped } from '../../../tenants/data-access.ts';
import { answerPush, pushRequestOf } from './platform-answer.ts';

const platform = createChannelService(platformScope());
const channelsOf = scoped(createChannelService);
const orders = scoped(createOrderServices);
const cipher = cipherFromEnv();
const deps = { platform, channelsOf, cipher, clock: systemClock, ordersOf: async (tenantId: string) => ({ ...(await orders(tenantId)), clock: systemClock }) };

export const handler = httpHandler({ rawBody: ['application/x-www-form-urlencoded'], response: PushAnswer }, async ({ event, requestId }) =>
  answerPush(requestId, async () => {
    const channel = ChannelPlatform.safeParse(event.pathParameters?.channel);
    if (!channel.success) throw new NotFoundError('channel');
    const outcome = await receivePush(channel.data, pushRequestOf(event), deps);
    logger.info('Platform push handled', { channel: channel.data, ...outcome });
  }),
);

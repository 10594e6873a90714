// What both webhook routes (POST and GET, functions of their own) run: the push handed to the
// channels context with this instance's services, and answered in the platform's shape.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { systemClock } from '../../../domain/shared/clock.ts';
import { cipherFromEnv } from '../../../domain/shared/crypto/cipher-from-env.ts';
import { createChannelService } from '../../../domain/channels/channel-service.ts';
import type { ChannelPlatform } from '../../../domain/channels/platforms.ts';
import { receivePush } from '../../../domain/channels/pushes/receive-push.ts';
import { createOrderServices } from '../../../domain/orders/order-deps.ts';
import { platformScope, scoped } from '../../../tenants/data-access.ts';
import { logger } from '../../middleware/logger.ts';
import { answerPush, pushRequestOf } from './platform-answer.ts';

const platform = createChannelService(platformScope());
const channelsOf = scoped(createChannelService);
const orders = scoped(createOrderServices);
const cipher = cipherFromEnv();
const deps = { platform, channelsOf, cipher, clock: systemClock, ordersOf: async (tenantId: string) => ({ ...(await orders(tenantId)), clock: systemClock }) };

/** `channel` is the path's, already parsed: a platform we do not know is a plain 400, not its push. */
export const answerPlatformPush = (channel: ChannelPlatform, event: APIGatewayProxyEventV2, requestId: string) =>
  answerPush(requestId, async () => {
    const outcome = await receivePush(channel, pushRequestOf(event), deps);
    logger.info('Platform push handled', { channel, ...outcome });
  });

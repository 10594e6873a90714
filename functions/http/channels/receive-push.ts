// POST /v1/channels/{channel}/webhook: a delivery platform's push, as a form. Public: the tenant is
// the one the push's verified app belongs to (domain/channels/pushes/receive-push.ts).
import { httpHandler } from '../../middleware/http-handler.ts';
import { ChannelPath } from '../../../domain/channels/platforms.ts';
import { PushAnswer } from '../../../domain/channels/pushes/push-answer.ts';
import { answerPlatformPush } from './push-edge.ts';

export const handler = httpHandler({ path: ChannelPath, rawBody: ['application/x-www-form-urlencoded'], response: PushAnswer }, ({ event, path, requestId }) => answerPlatformPush(path.channel, event, requestId));

// GET /v1/channels/{channel}/webhook: the same push with its parameters in the query, as the
// platform sends some push types (cancels, refunds).
import { httpHandler } from '../../middleware/http-handler.ts';
import { ChannelPath } from '../../../domain/channels/platforms.ts';
import { PushAnswer } from '../../../domain/channels/pushes/push-answer.ts';
import { answerPlatformPush } from './push-edge.ts';

export const handler = httpHandler({ path: ChannelPath, response: PushAnswer }, ({ event, path, requestId }) => answerPlatformPush(path.channel, event, requestId));

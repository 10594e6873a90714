// GET /v1/channels/{channel}/webhook: the same push with its parameters in the query, as the
// platform sends some push types (cancels, refunds).
import { httpHandler } from '../../middleware/http-handler.ts';
import { PushAnswer } from '../../../domain/channels/pushes/push-answer.ts';
import { answerPlatformPush } from './push-edge.ts';

export const handler = httpHandler({ response: PushAnswer }, ({ event, requestId }) => answerPlatformPush(event, requestId));

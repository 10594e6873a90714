// Answers a platform's push in the shape it reads (domain/channels/pushes/push-answer.ts): "ok"
// once the push is handled, otherwise our error envelope (the one mapping, error-mapper.ts) with
// the platform's "ng" beside it. Every refusal is logged with its reason, which the answer never
// says; a failure of ours as an error, since the platform will keep sending the push.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { DomainError } from '../../../domain/shared/errors.ts';
import { PushUnverifiedError } from '../../../domain/channels/errors.ts';
import { PUSH_REFUSED, type PushAnswer } from '../../../domain/channels/pushes/push-answer.ts';
import type { PushRequest } from '../../../domain/channels/adapter.ts';
import { errorEnvelope } from '../../middleware/error-mapper.ts';
import { logger } from '../../middleware/logger.ts';
import { ok, type HttpResult } from '../../middleware/responses.ts';

/** The push as the adapters read it: the raw query (they decode it themselves) and the body text. */
export const pushRequestOf = (event: APIGatewayProxyEventV2): PushRequest => ({
  method: event.requestContext.http.method,
  rawQuery: event.rawQueryString ?? '',
  body: event.body === undefined ? undefined : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body,
  contentType: event.headers?.['content-type'],
});

export const answerPush = async (requestId: string, handle: () => Promise<void>): Promise<HttpResult<PushAnswer>> => {
  try {
    await handle();
    return ok({ data: 'ok' as const });
  } catch (error) {
    const envelope = errorEnvelope(error, requestId);
    if (envelope.statusCode >= 500) logger.error('Platform push failed; the platform will send it again', { error });
    else logger.info('Platform push refused', { code: (error as DomainError).code, status: envelope.statusCode, reason: error instanceof PushUnverifiedError ? error.reason : (error as Error).message });
    const body = { ...PUSH_REFUSED, ...(JSON.parse(String(envelope.body)) as object) };
    // A refusal is not the success body the route declares; its type says so only to the check.
    return { ...envelope, body: JSON.stringify(body) } as HttpResult<PushAnswer>;
  }
};

// The one place where errors become HTTP responses: domain code -> status, everything unknown ->
// a generic 500 that reveals nothing. Every envelope carries the request id.
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { DomainError } from '../../domain/shared/errors.ts';
import { json, type HttpResult } from './responses.ts';
import { logger } from './logger.ts';

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  quota_exceeded: 403,
  not_found: 404,
  insufficient_stock: 409,
  invalid_state: 409,
  idempotency_key_reused: 409,
  request_in_progress: 409,
  already_exists: 409,
  payment_declined: 422,
  payload_too_large: 413,
  rate_limited: 429,
};

/** Business-rule refusals that are not listed above are 422: the request was understood but refused. */
const statusFor = (code: string): number => STATUS_BY_CODE[code] ?? 422;

export const errorEnvelope = (error: unknown, requestId: string): HttpResult => {
  if (error instanceof DomainError) {
    const body = { error: { code: error.code, message: error.message, details: error.details, requestId } };
    const response = json(statusFor(error.code), body);
    const retryAfter = error.details?.find((d): d is { retryAfterSeconds: number } => typeof (d as { retryAfterSeconds?: unknown }).retryAfterSeconds === 'number');
    return retryAfter ? { ...response, headers: { ...response.headers, 'retry-after': String(retryAfter.retryAfterSeconds) } } : response;
  }
  return json(500, { error: { code: 'internal', message: 'Something went wrong on our side', requestId } });
};

export const requestIdOf = (event: APIGatewayProxyEventV2, context: Context): string =>
  event.requestContext?.requestId ?? context.awsRequestId;

export const errorMapper = (): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error, Context> => ({
  onError: async (request) => {
    const response = errorEnvelope(request.error, requestIdOf(request.event, request.context));
    if (response.statusCode >= 500) logger.error('Unhandled error', { error: request.error });
    else logger.info('Request refused', { code: (request.error as DomainError).code, status: response.statusCode });
    request.response = response;
  },
});

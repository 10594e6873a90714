// Idempotency for creating POSTs (API.md): Powertools idempotency on DynamoDB, keyed by tenant and
// the Idempotency-Key header, with the parsed body hashed so a reused key with another body is
// refused. We wrap the handler with makeIdempotent rather than use the middy middleware because
// that middleware's onError deletes the record even when the error is "already in progress",
// which would erase the first request's lock.
import { IdempotencyConfig, makeIdempotent, IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { DomainError, ValidationError } from '../../domain/shared/errors.ts';
import { boundTable } from '../../domain/shared/bindings.ts';
import { dynamoClient } from '../../domain/shared/dynamo.ts';
import type { HttpResult } from './responses.ts';

export type IdempotencyMode = 'optional' | 'required';

const REPLAY_WINDOW_SECONDS = 25 * 3600;
const HEADER = 'idempotency-key';

type Scope = { tenantId: string | null; key: string; body: unknown };

let persistenceStore: DynamoDBPersistenceLayer | undefined;
const store = (): DynamoDBPersistenceLayer =>
  (persistenceStore ??= new DynamoDBPersistenceLayer({ tableName: boundTable('idempotency'), awsSdkV3Client: dynamoClient }));

const config = new IdempotencyConfig({
  eventKeyJmesPath: '[tenantId, key]',
  payloadValidationJmesPath: 'body',
  expiresAfterSeconds: REPLAY_WINDOW_SECONDS,
  throwOnNoIdempotencyKey: true,
  responseHook: (response) => {
    const result = response as unknown as HttpResult;
    return { ...result, headers: { ...result.headers, 'idempotent-replayed': 'true' } };
  },
});

export const idempotencyKeyOf = (event: APIGatewayProxyEventV2, mode: IdempotencyMode): string | undefined => {
  const key = event.headers?.[HEADER];
  if (key === undefined) {
    if (mode === 'optional') return undefined;
    throw new ValidationError([{ path: 'headers.idempotency-key', message: 'Idempotency-Key header is required' }]);
  }
  if (key.length < 1 || key.length > 255)
    throw new ValidationError([{ path: 'headers.idempotency-key', message: 'Idempotency-Key must be 1 to 255 characters' }]);
  return key;
};

/** Runs `run` at most once per (tenant, key) within 25 hours; replays return the first response. */
export const runIdempotently = async (
  scope: Scope,
  context: Context,
  run: () => Promise<HttpResult>,
): Promise<HttpResult> => {
  const idempotent = makeIdempotent((_scope: Scope, _context: Context) => run(), { persistenceStore: store(), config });
  try {
    return await idempotent(scope, context);
  } catch (error) {
    if (error instanceof IdempotencyValidationError)
      throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used with a different request body', { cause: error });
    if (error instanceof IdempotencyAlreadyInProgressError)
      throw new DomainError('request_in_progress', 'A request with this Idempotency-Key is still being processed', { cause: error });
    throw error;
  }
};

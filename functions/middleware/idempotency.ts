// Idempotency for writing requests (API.md): Powertools idempotency on DynamoDB. We wrap the
// handler with makeIdempotent rather than use the middy middleware because that middleware's
// onError deletes the record even when the error is "already in progress", which would erase the
// first request's lock.
//
// A key names one operation. The record is found by the tenant, the caller and the key; it is
// valid only for the same route, path parameters, body and caller access (role and stores). So
// the same key sent to another resource, or by a caller whose access changed, is refused as
// reused rather than replayed, and a replay reaches only the caller whose own checks passed for
// exactly this request. The table holds no request in any readable form: both are HMAC-SHA-256
// under the manifest's idempotency key, and the cached response is sealed (AES-256-GCM) under a
// key derived from it, bound to its record, because some responses carry one-time secrets.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { IdempotencyConfig, makeIdempotent, IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { DomainError, ValidationError } from '../../domain/shared/errors.ts';
import { boundTable } from '../../domain/shared/bindings.ts';
import { derivedKey } from '../../domain/shared/crypto/mac-key.ts';
import { documentClient, dynamoClient, isConditionalCheckFailed } from '../../domain/shared/dynamo.ts';
import type { HttpResult } from './responses.ts';

export type IdempotencyMode = 'optional' | 'required';

const REPLAY_WINDOW_SECONDS = 25 * 3600;
const HEADER = 'idempotency-key';

/** Everything a key is bound to: who sent it, where, with what. */
export type IdempotencyScope = {
  tenantId: string | null;
  callerId: string | null;
  key: string;
  route: string;
  path: Record<string, string | undefined> | null;
  access: unknown;
  body: unknown;
};

type Sealed = { sealed: string; replayed?: boolean };
type Payload = { record: string; request: string };

let persistenceStore: DynamoDBPersistenceLayer | undefined;
const store = (): DynamoDBPersistenceLayer =>
  (persistenceStore ??= new DynamoDBPersistenceLayer({ tableName: boundTable('idempotency'), awsSdkV3Client: dynamoClient }));

const config = new IdempotencyConfig({
  eventKeyJmesPath: 'record',
  payloadValidationJmesPath: 'request',
  // Both fields are HMACs already; SHA-256 over them keeps the stored form free of MD5.
  hashFunction: 'sha256',
  expiresAfterSeconds: REPLAY_WINDOW_SECONDS,
  throwOnNoIdempotencyKey: true,
  responseHook: (response) => ({ ...(response as Sealed), replayed: true }),
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

const hmac = (key: Buffer, value: unknown): string => createHmac('sha256', key).update(JSON.stringify(value)).digest('base64url');

/** The record's name and the request it stands for, as HMACs: the same scope always gives the same pair. */
const scopeDigests = async (scope: IdempotencyScope): Promise<Payload> => {
  const key = await derivedKey('idempotency-record');
  return {
    record: hmac(key, [scope.tenantId, scope.callerId, scope.key]),
    request: hmac(key, [scope.route, scope.path, scope.access, scope.body]),
  };
};

/**
 * Responses are deflated before sealing (marked `z`): an order's JSON shrinks to a third, so the
 * completed record stays within one write unit (compressing before encrypting is safe here: no
 * client ever sees a sealed length). Unmarked records, sealed before, still open.
 */
const DEFLATED = 'z';

const seal = async (result: HttpResult, record: string): Promise<Sealed> => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derivedKey('idempotency-response'), iv);
  cipher.setAAD(Buffer.from(record));
  const body = Buffer.concat([cipher.update(deflateRawSync(JSON.stringify(result))), cipher.final()]);
  return { sealed: [DEFLATED, ...[iv, cipher.getAuthTag(), body].map((p) => p.toString('base64url'))].join('.') };
};

const open = async ({ sealed }: Sealed, record: string): Promise<HttpResult> => {
  const parts = sealed.split('.');
  const deflated = parts[0] === DEFLATED;
  const [iv, tag, body] = parts.slice(deflated ? 1 : 0).map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', await derivedKey('idempotency-response'), iv!);
  decipher.setAAD(Buffer.from(record));
  decipher.setAuthTag(tag!);
  const plain = Buffer.concat([decipher.update(body!), decipher.final()]);
  return JSON.parse((deflated ? inflateRawSync(plain) : plain).toString('utf8')) as HttpResult;
};

const firstAttemptKey = (record: string) => ({ id: `${record}#first-attempt` });

/**
 * When this operation was first attempted: written once per record and kept for the replay
 * window, so ids derived for a retry carry the first attempt's time (ULIDs sort by it).
 * `mine` says this attempt wrote it, and should take it back if it fails.
 */
export const firstAttempt = async (record: string, now: number = Date.now()): Promise<{ at: number; mine: boolean }> => {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: boundTable('idempotency'),
        Item: { ...firstAttemptKey(record), at: now, expiration: Math.floor(now / 1000) + REPLAY_WINDOW_SECONDS },
        ConditionExpression: 'attribute_not_exists(id)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { at: now, mine: true };
  } catch (error) {
    // The document client leaves the old item of a failed condition in AttributeValue form.
    const old = (error as { Item?: Record<string, AttributeValue> }).Item;
    const at = old && unmarshall(old).at;
    if (isConditionalCheckFailed(error) && typeof at === 'number') return { at, mine: false };
    throw error;
  }
};

/** Takes back a first attempt that failed, so a refused request leaves nothing behind. */
export const forgetFirstAttempt = async (record: string): Promise<void> => {
  await documentClient.send(new DeleteCommand({ TableName: boundTable('idempotency'), Key: firstAttemptKey(record) }));
};

/** Why an early-started handler stops: another request holds the key, or its response is replayed. */
class LockNotHeld extends Error {}

/**
 * Runs `run` at most once per scope within 25 hours; replays return the first response.
 *
 * `run` gets `locked`, which resolves once this request holds the key. With `early`, `run` starts
 * beside the in-progress write instead of after it, so its reads cost no round trip of their own;
 * such a `run` must write nothing before `locked` resolves. If the key turns out to be held or
 * done, `locked` rejects and whatever `run` became is dropped.
 */
export const runIdempotently = async (
  scope: IdempotencyScope,
  context: Context,
  run: (record: string, locked: Promise<void>) => Promise<HttpResult>,
  early = false,
): Promise<HttpResult> => {
  const payload = await scopeDigests(scope);
  let acquire!: () => void;
  let lose!: (reason: Error) => void;
  const locked = new Promise<void>((resolve, reject) => ((acquire = resolve), (lose = reject)));
  locked.catch(() => undefined);
  let running: Promise<HttpResult> | undefined;
  const start = () => (running ??= run(payload.record, locked));
  if (early) start().catch(() => undefined);
  const idempotent = makeIdempotent(
    async (p: Payload, _context: Context) => {
      acquire();
      return seal(await start(), p.record);
    },
    { persistenceStore: store(), config },
  );
  try {
    const outcome = (await idempotent(payload, context)) as Sealed;
    const result = await open(outcome, payload.record);
    return outcome.replayed ? { ...result, headers: { ...result.headers, 'idempotent-replayed': 'true' } } : result;
  } catch (error) {
    if (error instanceof IdempotencyValidationError)
      throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used for a different request (another route, resource or body, or by the caller with other access)', { cause: error });
    if (error instanceof IdempotencyAlreadyInProgressError)
      throw new DomainError('request_in_progress', 'A request with this Idempotency-Key is still being processed', { cause: error });
    throw error;
  } finally {
    // A no-op once acquired; otherwise an early run waiting for the key gives up.
    lose(new LockNotHeld('The Idempotency-Key is held by another request or already answered'));
  }
};

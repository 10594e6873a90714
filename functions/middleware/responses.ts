// The shape every HTTP function returns (API Gateway HTTP API, payload 2.0), and the check that a
// success body is what its route declares (httpHandler's `response`).
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { DomainError, ValidationError } from '../../domain/shared/errors.ts';
import { BASE_ENV } from '../../domain/shared/function-env.ts';
import { runtimeEnv } from '../../domain/shared/runtime-env.ts';

/** Carries, in the type only, what the body was serialized from, so a route's declared schema can check it. */
declare const sentBody: unique symbol;

export type HttpResult<B = unknown> = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string>; readonly [sentBody]?: B };

export const json = <B>(statusCode: number, body: B, headers: Record<string, string> = {}): HttpResult<B> => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

export const ok = <B>(body: B): HttpResult<B> => json(200, body);
export const created = <B>(body: B): HttpResult<B> => json(201, body);
export const accepted = <B>(body: B): HttpResult<B> => json(202, body);

export const SUCCESS_STATUSES = [200, 201, 202] as const;
export type SuccessStatus = (typeof SUCCESS_STATUSES)[number];

/**
 * Whether functions check their success bodies against their declared schemas. They do in the
 * local cloud's stages (`local`, `test`) and outside any stage (unit tests), so every integration
 * and isolation test catches drift. A deployed stage does not pay for it: a till's scan costs a
 * few microseconds, but a full page of 100 SKUs or 25 products about 0.6 ms and a re-parse of
 * its ~45 KB body (bench/response-check.ts), for a check the test stage already made.
 */
export const checksResponses = (stage: string | undefined = runtimeEnv()[BASE_ENV.stage]): boolean => stage === undefined || stage === 'local' || stage === 'test';

/** A success answer that is not what its route declares: a bug, answered as a 500 (error-mapper.ts) and logged with this message. */
export class ResponseContractError extends Error {
  override readonly name = 'ResponseContractError';
  constructor(
    readonly route: string,
    readonly problems: readonly string[],
  ) {
    super(`${route}: the response is not what the route declares: ${problems.join('; ')}`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Fields the client was sent that the schema does not declare: zod objects strip unknown keys, so
 * they are the keys of the sent JSON that its parsed output lacks (records and `unknown` keep theirs).
 */
const undeclaredFields = (sent: unknown, parsed: unknown, path: string): string[] => {
  if (Array.isArray(sent) && Array.isArray(parsed)) return sent.flatMap((item, i) => undeclaredFields(item, parsed[i], `${path}[${i}]`));
  if (!isObject(sent) || !isObject(parsed)) return [];
  return Object.keys(sent).flatMap((key) => {
    const at = path ? `${path}.${key}` : key;
    return key in parsed ? undeclaredFields(sent[key], parsed[key], at) : [`${at}: not declared in the response schema`];
  });
};

const issuePath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : at ? `${at}.${String(key)}` : String(key)), '') || '(body)';

/**
 * Checks a success answer against the route's declared status and body: the JSON the client
 * receives must parse with the schema and carry no field the schema leaves out. Other statuses
 * (the error envelopes) pass through.
 */
export const checkResponse = (route: string, declared: { status: SuccessStatus; body: z.ZodType }, result: HttpResult): HttpResult => {
  if (result.statusCode < 200 || result.statusCode >= 300) return result;
  if (result.statusCode !== declared.status) throw new ResponseContractError(route, [`status ${result.statusCode}, declared ${declared.status}`]);
  let sent: unknown;
  try {
    sent = JSON.parse(typeof result.body === 'string' ? result.body : '');
  } catch {
    throw new ResponseContractError(route, ['the body is not JSON']);
  }
  const parsed = declared.body.safeParse(sent);
  if (!parsed.success) throw new ResponseContractError(route, parsed.error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`));
  const extra = undeclaredFields(sent, parsed.data, '');
  if (extra.length) throw new ResponseContractError(route, extra);
  return result;
};

const MAX_CSV_BYTES = 5 * 1024 * 1024;

/** The raw text of a `text/csv` request body. */
export const csvBody = (event: APIGatewayProxyEventV2): string => {
  const type = event.headers?.['content-type'] ?? '';
  if (!/^text\/csv\b/i.test(type)) throw new ValidationError([{ path: 'headers.content-type', message: 'Send the file as text/csv' }]);
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text) > MAX_CSV_BYTES) throw new DomainError('payload_too_large', 'The file is larger than 5 MiB');
  return text;
};

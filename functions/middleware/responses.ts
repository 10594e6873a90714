// The shape every HTTP function returns (API Gateway HTTP API, payload 2.0).
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, ValidationError } from '../../domain/shared/errors.ts';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

export const ok = (body: unknown): HttpResult => json(200, body);
export const created = (body: unknown): HttpResult => json(201, body);
export const accepted = (body: unknown): HttpResult => json(202, body);

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

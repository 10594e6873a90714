// The raw file of POST /v1/products:import: CSV or JSON lines, told apart by Content-Type. The
// local gateway (and API Gateway) hand a type they do not know as text over base64, so decode it.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError, ValidationError } from '../../../domain/shared/errors.ts';
import type { ImportFormat } from '../../../domain/catalog/product-import-file.ts';

const MAX_FILE_BYTES = 5 * 1024 * 1024;

const FORMAT_BY_TYPE: Readonly<Record<string, ImportFormat>> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
};

export const importFile = (event: APIGatewayProxyEventV2): { format: ImportFormat; text: string } => {
  const type = (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const format = FORMAT_BY_TYPE[type];
  if (!format) throw new ValidationError([{ path: 'headers.content-type', message: 'Send the file as text/csv or application/x-ndjson' }]);
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) throw new DomainError('payload_too_large', 'The file is larger than 5 MiB');
  return { format, text };
};

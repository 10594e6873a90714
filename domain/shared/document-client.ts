// How every DynamoDB client of ours becomes the document client the domain uses: undefined
// attributes dropped, point reads of one turn gathered (read-coalescing.ts), and no SDK logger.
// The SDK's logger middleware builds a redacted copy of every request and response for its
// logger even when that logger is the default no-op one, which cost a checkout about a tenth of
// its CPU; our logs come from Powertools, so the middleware goes.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DocumentClient } from './data-scope.ts';
import { coalesceReads } from './read-coalescing.ts';

export const DOCUMENT_TRANSLATION = { marshallOptions: { removeUndefinedValues: true } } as const;

export const documentClientOver = (base: DynamoDBClient): DocumentClient => {
  base.middlewareStack.remove('loggerMiddleware');
  return coalesceReads(DynamoDBDocumentClient.from(base, DOCUMENT_TRANSLATION));
};

// Parses and validates the body, query and path parameters against the handler's zod schemas.
// Anything malformed stops here with invalid_json or validation_failed, before any write.
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { InvalidJsonError, ValidationError } from '../../domain/shared/errors.ts';
import type { HttpContext } from './http-context.ts';

export type RequestSchemas = { body?: z.ZodType; query?: z.ZodType; path?: z.ZodType };

const validate = (schema: z.ZodType, value: unknown, where: string): unknown => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new ValidationError(details);
};

const parseJson = (event: APIGatewayProxyEventV2): unknown => {
  if (event.body === undefined || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidJsonError(error);
  }
};

export const parseRequest = (schemas: RequestSchemas): middy.MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, HttpContext> => ({
  before: async ({ event, context }) => {
    if (schemas.body) context.storefleet.body = validate(schemas.body, parseJson(event), 'body');
    if (schemas.query) context.storefleet.query = validate(schemas.query, event.queryStringParameters ?? {}, 'query');
    if (schemas.path) context.storefleet.path = validate(schemas.path, event.pathParameters ?? {}, 'path');
  },
});

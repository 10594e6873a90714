// Builds an HTTP function: the middy chain every route shares, then the handler's few lines.
// Order matters: the error mapper is first so its onError sees every failure, including those of
// the logger, authentication and parsing middlewares that follow it.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { z } from 'zod';
import { UnauthenticatedError } from '../../domain/shared/errors.ts';
import { boundAccess } from '../../domain/shared/bindings.ts';
import type { TenantContext } from '../../domain/shared/tenancy.ts';
import { authenticate, parseAccess } from './authenticate.ts';
import { errorMapper, requestIdOf } from './error-mapper.ts';
import { idempotencyKeyOf, runIdempotently, type IdempotencyMode } from './idempotency.ts';
import { logger } from './logger.ts';
import { parseRequest } from './parse-request.ts';
import { requestQuota, type Admit } from './request-quota.ts';
import type { HttpContext } from './http-context.ts';
import type { HttpResult } from './responses.ts';

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export type HttpRequest<B, Q, P> = {
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
  body: B;
  query: Q;
  path: P;
  requestId: string;
  /** The caller's tenant context; throws for public routes, which have none. */
  tenant: () => TenantContext;
};

export type HttpHandlerSpec<BS, QS, PS> = {
  body?: BS;
  query?: QS;
  path?: PS;
  idempotency?: IdempotencyMode;
  /** A route that takes a file rather than JSON: the content types it reads (the handler parses them). */
  rawBody?: readonly string[];
};

/** What a route takes, as declared: read by tools/openapi.ts to write the API reference. */
export type HttpContract = HttpHandlerSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

export const httpHandler = <BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined, PS extends z.ZodType | undefined = undefined>(
  spec: HttpHandlerSpec<BS, QS, PS>,
  handle: (request: HttpRequest<Infer<BS>, Infer<QS>, Infer<PS>>) => Promise<HttpResult>,
  /** The request quota check; the tier's DynamoDB counter unless a test supplies its own. */
  edge: { admit?: Admit } = {},
) => {
  const access = parseAccess(boundAccess());

  const base = async (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: HttpContext): Promise<HttpResult> => {
    const { tenant, body, query, path } = context.storefleet;
    const request = {
      event,
      body: body as Infer<BS>,
      query: query as Infer<QS>,
      path: path as Infer<PS>,
      requestId: requestIdOf(event, context),
      tenant: () => {
        if (!tenant) throw new UnauthenticatedError();
        return tenant;
      },
    };
    const key = spec.idempotency ? idempotencyKeyOf(event, spec.idempotency) : undefined;
    if (key === undefined) return handle(request);
    // Routes without a body schema (CSV uploads) are compared on the raw body.
    return runIdempotently({ tenantId: tenant?.tenantId ?? null, key, body: body ?? event.body ?? null }, context, () => handle(request));
  };

  const chain = middy<APIGatewayProxyEventV2WithJWTAuthorizer, HttpResult, Error, HttpContext>()
    .use(errorMapper())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      before: async ({ context }) => {
        context.storefleet = {};
      },
    })
    .use(authenticate(access))
    .use(requestQuota(edge.admit))
    .use(parseRequest({ body: spec.body, query: spec.query, path: spec.path }))
    .handler(base);
  return Object.assign(chain, { contract: spec as HttpContract });
};


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
import { firstAttempt, forgetFirstAttempt, idempotencyKeyOf, runIdempotently, type IdempotencyMode } from './idempotency.ts';
import { derivedId, newId, type IdKind } from '../../domain/shared/ids.ts';
import { logger } from './logger.ts';
import { parseRequest } from './parse-request.ts';
import { requestQuota, type Admit } from './request-quota.ts';
import type { HttpContext } from './http-context.ts';
import { checkResponse, checksResponses, type HttpResult, type SuccessStatus } from './responses.ts';

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
/** What a handler may answer with: a body its response schema accepts, once one is declared. */
type Sent<S> = S extends z.ZodType ? z.input<S> : unknown;

export type HttpRequest<B, Q, P> = {
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
  body: B;
  query: Q;
  path: P;
  requestId: string;
  /** The caller's tenant context; throws for public routes, which have none. */
  tenant: () => TenantContext;
  /**
   * The id of the `kind` of thing this request creates: fresh for an unkeyed request, derived
   * from the Idempotency-Key's scope for a keyed one, so a retry after a crash that followed the
   * commit names the same thing and meets the first attempt's condition.
   */
  idFor: (kind: IdKind) => Promise<string>;
};

export type HttpHandlerSpec<BS, QS, PS, RS = z.ZodType | undefined> = {
  body?: BS;
  query?: QS;
  path?: PS;
  idempotency?: IdempotencyMode;
  /** A route that takes a file rather than JSON: the content types it reads (the handler parses them). */
  rawBody?: readonly string[];
  /**
   * The success body as the client receives it (its JSON), a schema of the route's domain. The
   * handler's answer is typed by it; in the local cloud's stages every success answer is checked
   * against it (a mismatch is a 500, logged with the route and the issue); docs/openapi.json
   * carries it.
   */
  response?: RS;
  /** The success status: 200 unless said. */
  status?: SuccessStatus;
  /**
   * A keyed request's handler may start reading while its Idempotency-Key is being locked: it
   * writes nothing before its `idFor` resolves, which waits for the lock. Saves the checkout a
   * round trip (the lock, the first-attempt mark and the reads share one).
   */
  readsBeforeLock?: boolean;
};

/** What a route takes and answers, as declared: read by tools/openapi.ts to write the API reference. */
export type HttpContract = HttpHandlerSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

export const httpHandler = <
  BS extends z.ZodType | undefined = undefined,
  QS extends z.ZodType | undefined = undefined,
  PS extends z.ZodType | undefined = undefined,
  RS extends z.ZodType | undefined = undefined,
>(
  spec: HttpHandlerSpec<BS, QS, PS, RS>,
  handle: (request: HttpRequest<Infer<BS>, Infer<QS>, Infer<PS>>) => Promise<HttpResult<Sent<RS>>>,
  /** The request quota check; the tier's DynamoDB counter unless a test supplies its own. */
  edge: { admit?: Admit } = {},
) => {
  const access = parseAccess(boundAccess());
  // Read once, when the function is built: a deployed stage skips the check entirely.
  const declared = spec.response && checksResponses() ? { status: spec.status ?? 200, body: spec.response } : undefined;

  const answer = async (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: HttpContext): Promise<HttpResult> => {
    const { tenant, body, query, path } = context.storefleet;
    const key = spec.idempotency ? idempotencyKeyOf(event, spec.idempotency) : undefined;
    let record: string | undefined;
    let first: ReturnType<typeof firstAttempt> | undefined;
    let locked: Promise<void> = Promise.resolve();
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
      idFor: async (kind: IdKind) => {
        if (record === undefined) return newId(kind);
        first ??= firstAttempt(record);
        const [{ at }] = await Promise.all([first, locked]);
        return derivedId(kind, at, record);
      },
    };
    if (key === undefined) return handle(request);
    const scope = {
      tenantId: tenant?.tenantId ?? null,
      callerId: tenant?.userId ?? null,
      key,
      route: event.routeKey,
      path: event.pathParameters ?? null,
      access: tenant ? { role: tenant.role, storeIds: [...tenant.storeIds].sort() } : null,
      // Routes without a body schema (CSV uploads) are compared on the raw body.
      body: body ?? event.body ?? null,
    };
    return runIdempotently(
      scope,
      context,
      async (recordName, lock) => {
        record = recordName;
        locked = lock;
        try {
          return await handle(request);
        } catch (error) {
          // A refused request writes nothing, the first-attempt mark included; a request that never
          // held the key leaves the mark to the one that does.
          const held = await lock.then(() => true, () => false);
          if (held && first && (await first).mine) await forgetFirstAttempt(recordName);
          throw error;
        }
      },
      spec.readsBeforeLock,
    );
  };

  // Replays are checked too: what a client receives is what the route declares.
  const base = declared
    ? async (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: HttpContext): Promise<HttpResult> => checkResponse(event.routeKey, declared, await answer(event, context))
    : answer;

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


// The edge middlewares, driven with API Gateway payload 2.0 events and no I/O.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { httpHandler } from '../../functions/middleware/http-handler.ts';
import { checksResponses, created, json, ok, type HttpResult } from '../../functions/middleware/responses.ts';
import { logger } from '../../functions/middleware/logger.ts';
import { page } from '../../domain/shared/pagination.ts';
import { DomainError, NotFoundError } from '../../domain/shared/errors.ts';
import { resetRuntimeEnv } from '../../domain/shared/runtime-env.ts';

const TENANT = 'ten_01JC0000000000000000000000';

const event = (over: { body?: string; claims?: Record<string, string>; headers?: Record<string, string>; query?: Record<string, string> } = {}) =>
  ({
    version: '2.0',
    routeKey: 'POST /v1/things',
    rawPath: '/v1/things',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...over.headers },
    queryStringParameters: over.query,
    body: over.body,
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-123',
      routeKey: 'POST /v1/things',
      http: { method: 'POST', path: '/v1/things' },
      authorizer: over.claims ? { jwt: { claims: over.claims, scopes: [] } } : undefined,
    },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

const context = { awsRequestId: 'aws-1', functionName: 'test', getRemainingTimeInMillis: () => 5000 } as unknown as Context;

const adminClaims = { sub: 'usr_1', tenantId: TENANT, role: 'hq_admin' };
const Body = z.object({ name: z.string().min(1), count: z.number().int() });

/** Quota checks admitted so far; the real counter lives in DynamoDB (test/integration/request-quota.test.ts). */
let admitted: string[] = [];
const edge = { admit: async (t: { tenantId: string }) => void admitted.push(t.tenantId) };

const build = (access: string, handle: () => Promise<HttpResult> = async () => ok({ done: true })) => {
  process.env.HTTP_ACCESS = access;
  resetRuntimeEnv();
  return httpHandler({ body: Body, query: z.object({ limit: z.coerce.number().int().max(100).optional() }) }, handle, edge);
};

const parse = (res: { body?: string }) => JSON.parse(res.body ?? '{}');

describe('httpHandler', () => {
  beforeEach(() => {
    delete process.env.HTTP_ACCESS;
    admitted = [];
  });

  it("counts each signed-in request against its tenant's quota, and refuses with 429 and Retry-After before any work", async () => {
    let handled = 0;
    process.env.HTTP_ACCESS = 'signedIn';
    resetRuntimeEnv();
    const full = httpHandler({ body: Body }, async () => (handled++, ok({})), {
      admit: async () => {
        throw new DomainError('rate_limited', 'slow down', { details: [{ quota: 'requestsPerSecond', limit: 100, tier: 'pooled', retryAfterSeconds: 1 }] });
      },
    });
    const res = await full(event({ body: 'not json', claims: adminClaims }), context);
    expect(res.statusCode).toBe(429);
    expect(res.headers).toMatchObject({ 'retry-after': '1' });
    expect(parse(res).error.code).toBe('rate_limited');
    expect(handled).toBe(0);
    await build('signedIn')(event({ body: '{"name":"a","count":1}', claims: adminClaims }), context);
    expect(admitted).toEqual([TENANT]);
  });

  it('hands a valid request to the handler with typed body, query and tenant', async () => {
    let seen: unknown;
    const handler = build('hq_admin,store_manager', async () => ok({}));
    const h2 = httpHandler({ body: Body }, async (req) => {
      seen = { body: req.body, tenant: req.tenant() };
      return ok({});
    }, edge);
    expect((await handler(event({ body: '{"name":"a","count":1}', claims: adminClaims }), context)).statusCode).toBe(200);
    await h2(event({ body: '{"name":"a","count":1}', claims: { ...adminClaims, storeIds: '[sto_1 sto_2]' } }), context);
    expect(seen).toEqual({ body: { name: 'a', count: 1 }, tenant: { tenantId: TENANT, userId: 'usr_1', role: 'hq_admin', storeIds: ['sto_1', 'sto_2'] } });
  });

  it('maps bad JSON to 400 invalid_json with the request id', async () => {
    const res = await build('public')(event({ body: '{"name":' }), context);
    expect(res.statusCode).toBe(400);
    expect(parse(res)).toEqual({ error: { code: 'invalid_json', message: expect.any(String), requestId: 'req-123' } });
  });

  it('maps schema failures to 400 validation_failed with a detail per field', async () => {
    const res = await build('public')(event({ body: '{"count":"x"}', query: { limit: '500' } }), context);
    expect(res.statusCode).toBe(400);
    const { error } = parse(res);
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.count', 'body.name']);
  });

  it('validates the query too', async () => {
    const res = await build('public')(event({ body: '{"name":"a","count":1}', query: { limit: '500' } }), context);
    expect(parse(res).error.details).toEqual([{ path: 'query.limit', message: expect.any(String) }]);
  });

  it('answers 401 when a protected route has no claims, and when the claims are not a tenant identity', async () => {
    const noClaims = await build('signedIn')(event({ body: '{"name":"a","count":1}' }), context);
    expect(noClaims.statusCode).toBe(401);
    expect(parse(noClaims).error.code).toBe('unauthenticated');
    const badClaims = await build('signedIn')(event({ body: '{}', claims: { sub: 'usr_1', tenantId: 'someone', role: 'hq_admin' } }), context);
    expect(badClaims.statusCode).toBe(401);
  });

  it('answers 403 forbidden for a role the manifest does not allow, before parsing the body', async () => {
    let ran = false;
    const res = await build('hq_admin', async () => ((ran = true), ok({})))(event({ body: '{bad', claims: { ...adminClaims, role: 'cashier' } }), context);
    expect(res.statusCode).toBe(403);
    expect(parse(res).error.code).toBe('forbidden');
    expect(ran).toBe(false);
  });

  it('maps domain errors by code and unknown codes to 422', async () => {
    const notFound = await build('public', async () => {
      throw new NotFoundError('store');
    })(event({ body: '{"name":"a","count":1}' }), context);
    expect(notFound.statusCode).toBe(404);
    const refusal = await build('public', async () => {
      throw new DomainError('credit_limit_exceeded', 'Over the limit');
    })(event({ body: '{"name":"a","count":1}' }), context);
    expect(refusal.statusCode).toBe(422);
    expect(parse(refusal).error.code).toBe('credit_limit_exceeded');
  });

  it('turns an unknown error into a generic 500 that reveals nothing', async () => {
    const res = await build('public', async () => {
      throw new Error('connection string postgres://secret@db');
    })(event({ body: '{"name":"a","count":1}' }), context);
    expect(res.statusCode).toBe(500);
    expect(parse(res)).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side', requestId: 'req-123' } });
    expect(res.body).not.toContain('secret');
  });

  it('requires an Idempotency-Key where the route says so, before any work', async () => {
    process.env.HTTP_ACCESS = 'hq_admin';
    resetRuntimeEnv();
    let ran = false;
    const handler = httpHandler({ body: Body, idempotency: 'required' }, async () => ((ran = true), ok({})), edge);
    const res = await handler(event({ body: '{"name":"a","count":1}', claims: adminClaims }), context);
    expect(res.statusCode).toBe(400);
    expect(parse(res).error.details).toEqual([{ path: 'headers.idempotency-key', message: 'Idempotency-Key header is required' }]);
    expect(ran).toBe(false);
  });

  it('refuses to build a function whose HTTP_ACCESS names an unknown role', () => {
    expect(() => build('hq_admin,owner')).toThrow(/unknown roles/);
  });
});

describe('httpHandler response schemas', () => {
  const Thing = z.object({ id: z.string().regex(/^thg_/), name: z.string(), tags: z.array(z.object({ key: z.string() })) });
  const valid = { id: 'thg_1', name: 'a', tags: [{ key: 'k' }] };
  const send = (body: unknown, options: { status?: 200 | 201; answer?: (body: unknown) => HttpResult } = {}) => {
    process.env.HTTP_ACCESS = 'public';
    resetRuntimeEnv();
    return httpHandler({ response: Thing, status: options.status ?? 201 }, async () => (options.answer ?? created)(body) as HttpResult<z.input<typeof Thing>>, edge)(event(), context);
  };
  let errors: unknown[][] = [];

  beforeEach(() => {
    errors = [];
    vi.spyOn(logger, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.STAGE;
    resetRuntimeEnv();
  });

  it('passes a success body its schema declares, unchanged', async () => {
    const res = await send(valid);
    expect(res.statusCode).toBe(201);
    expect(parse(res)).toEqual(valid);
    expect(errors).toEqual([]);
  });

  it('answers a body that does not match with a generic 500, logging the route and the zod issue', async () => {
    const res = await send({ ...valid, tags: [{ key: 7 }] });
    expect(res.statusCode).toBe(500);
    expect(parse(res)).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side', requestId: 'req-123' } });
    const logged = String((errors[0]?.[1] as { error: Error }).error.message);
    expect(logged).toContain('POST /v1/things');
    expect(logged).toMatch(/tags\[0\]\.key: .*expected string/i);
  });

  it('refuses a field the schema does not declare, however deep', async () => {
    const res = await send({ ...valid, tags: [{ key: 'k', secret: 'x' }] });
    expect(res.statusCode).toBe(500);
    expect(String((errors[0]?.[1] as { error: Error }).error.message)).toContain('tags[0].secret: not declared in the response schema');
  });

  it('refuses a success status other than the declared one, and lets error envelopes through', async () => {
    expect((await send(valid, { status: 200 })).statusCode).toBe(500);
    expect(String((errors[0]?.[1] as { error: Error }).error.message)).toContain('status 201, declared 200');
    errors = [];
    const refused = await send({ error: { code: 'not_found' } }, { answer: (body) => json(404, body) });
    expect(refused.statusCode).toBe(404);
    expect(errors).toEqual([]);
  });

  it('checks in the local cloud’s stages and outside any, not in a deployed stage', async () => {
    expect([checksResponses(undefined), checksResponses('local'), checksResponses('test'), checksResponses('dev'), checksResponses('prod')]).toEqual([true, true, true, false, false]);
    process.env.STAGE = 'prod';
    const res = await send({ ...valid, extra: true });
    expect(res.statusCode).toBe(201);
    expect(parse(res)).toEqual({ ...valid, extra: true });
  });

  it('types the answer by the schema: a body it does not accept does not compile', () => {
    process.env.HTTP_ACCESS = 'public';
    resetRuntimeEnv();
    // @ts-expect-error name must be a string
    httpHandler({ response: Thing }, async () => ok({ ...valid, name: 1 }), edge);
    httpHandler({ response: page(Thing) }, async () => ok({ data: [valid], nextCursor: null }), edge);
  });

  it('pages lists as API.md says: data and nextCursor', () => {
    expect(page(Thing).parse({ data: [valid], nextCursor: 'abc' })).toEqual({ data: [valid], nextCursor: 'abc' });
    expect(page(Thing).safeParse({ data: [valid] }).success).toBe(false);
  });
});

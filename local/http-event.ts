// Turns a Node HTTP request into an API Gateway HTTP API (payload format 2.0) event, and a
// function's result back into a response, following API Gateway's documented rules.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Route } from './routes.ts';

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|csv|[\w.+-]+\+json))/i;

const joinValues = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v.join(',') : v);

const clfTime = (d: Date): string => {
  const [, day, month, year, time] = d.toUTCString().split(' ');
  return `${day}/${month}/${year}:${time} +0000`;
};

export const toHttpApiEvent = (
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  match: { route: Route; pathParameters: Record<string, string> },
  requestId: string,
  claims: Record<string, string> | undefined,
): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    const joined = joinValues(value);
    if (joined !== undefined && name !== 'cookie') headers[name] = joined;
  }
  const query: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key).join(',');
  const isText = TEXT_TYPES.test(headers['content-type'] ?? 'application/json');
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: req.headers.cookie?.split(/;\s*/),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(match.pathParameters).length ? match.pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: claims ? { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } } : undefined,
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: { method: req.method ?? 'GET', path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId,
      routeKey: match.route.routeKey,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
    stageVariables: undefined,
  };
  return event as APIGatewayProxyEventV2WithJWTAuthorizer;
};

/** API Gateway's claim flattening: lists become "[a b]", everything else a string. */
export const flattenClaims = (payload: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]));

type StructuredResult = { statusCode?: number; headers?: Record<string, string | number | boolean>; body?: string; isBase64Encoded?: boolean; cookies?: string[] };

export const writeResult = (res: ServerResponse, result: unknown, requestId: string): void => {
  // Payload 2.0: a result without statusCode is taken as a 200 JSON body.
  const structured: StructuredResult =
    result && typeof result === 'object' && 'statusCode' in result
      ? (result as StructuredResult)
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof result === 'string' ? result : JSON.stringify(result) };
  const body = structured.body ? Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  res.writeHead(structured.statusCode ?? 200, {
    ...Object.fromEntries(Object.entries(structured.headers ?? {}).map(([k, v]) => [k, String(v)])),
    ...(structured.cookies ? { 'set-cookie': structured.cookies } : {}),
    'apigw-requestid': requestId,
    'content-length': String(body.length),
  });
  res.end(body);
};

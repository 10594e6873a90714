// The local API Gateway: routes from the manifest, a JWT authorizer backed by the local identity
// provider, payload 2.0 events to the function runtime, and the local-only endpoints
// (/health, /.well-known/jwks.json, and behind the local admin token POST /_local/identity/rotate-keys
// and POST /_local/silo-tables).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { NotFoundError, UnauthenticatedError, DomainError, ForbiddenError } from '../domain/shared/errors.ts';
import { errorEnvelope } from '../functions/middleware/error-mapper.ts';
import type { Manifest } from '../infra/manifest-schema.ts';
import type { FunctionRuntime } from './function-runtime.ts';
import type { LocalIdentityProvider } from './identity-provider.ts';
import { flattenClaims, toHttpApiEvent, writeResult } from './http-event.ts';
import { isCrossSite } from './cross-site.ts';
import { listen } from './ports.ts';
import { matchRoute, routesOf } from './routes.ts';
import { SILO_PROVISIONER_PATH } from './silo-tables.ts';

/** API Gateway's payload limit for HTTP APIs. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type Gateway = { port: number; url: string; server: Server; stop: () => Promise<void> };
export type GatewayDeps = {
  manifest: Manifest;
  runtime: FunctionRuntime;
  idp: LocalIdentityProvider;
  rotateKeys: () => Promise<string>;
  health: () => Promise<{ status: string }>;
  /** Creates a silo tenant's table (what a per-tenant CDK stack does in AWS); returns its name. */
  createSiloTable: (slug: unknown) => Promise<string>;
  /** Required on every /_local/ request (LOCAL_ADMIN_HEADER or `?token=`); `npm start` prints it. */
  adminToken: string;
};

export const LOCAL_ADMIN_HEADER = 'x-local-admin-token';

/**
 * The /_local/ endpoints change the running cloud and have no AWS counterpart to authorize them,
 * so a web page the developer happens to open must not reach them: a browser marks its cross-site
 * requests (Sec-Fetch-Site, Origin), and no page knows the random token. The token may also ride
 * in `?token=` because a function only gets the provisioner's URL (tenants/silo-tables.ts).
 */
const assertLocalAdmin = (req: IncomingMessage, url: URL, token: string): void => {
  if (isCrossSite(req)) throw new ForbiddenError('Local-only endpoints refuse cross-site requests');
  const given = req.headers[LOCAL_ADMIN_HEADER] ?? url.searchParams.get('token');
  if (given !== token) throw new ForbiddenError(`Local-only endpoints need the local admin token (header ${LOCAL_ADMIN_HEADER}) that npm start prints`);
};

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new DomainError('payload_too_large', 'The request body is larger than 10 MiB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

const sendJson = (res: ServerResponse, status: number, body: unknown, requestId: string) =>
  writeResult(res, { statusCode: status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) }, requestId);

const bearer = (req: IncomingMessage): string | undefined => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

export const startGateway = async (deps: GatewayDeps, port: number): Promise<Gateway> => {
  const routes = routesOf(deps.manifest);

  const authorize = async (req: IncomingMessage): Promise<Record<string, string>> => {
    const token = bearer(req);
    if (!token) throw new UnauthenticatedError();
    try {
      return flattenClaims(await deps.idp.verify(token));
    } catch {
      throw new UnauthenticatedError('The bearer token is invalid or expired');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/health') {
      const health = await deps.health();
      return sendJson(res, health.status === 'ok' ? 200 : 503, health, requestId);
    }
    if (req.method === 'GET' && url.pathname === '/.well-known/jwks.json') return sendJson(res, 200, deps.idp.jwks(), requestId);
    if (url.pathname.startsWith('/_local/')) assertLocalAdmin(req, url, deps.adminToken);
    if (req.method === 'POST' && url.pathname === '/_local/identity/rotate-keys') return sendJson(res, 200, { kid: await deps.rotateKeys() }, requestId);
    if (req.method === 'POST' && url.pathname === SILO_PROVISIONER_PATH) {
      const { slug } = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { slug?: unknown };
      return sendJson(res, 201, { table: await deps.createSiloTable(slug) }, requestId);
    }

    const match = matchRoute(routes, req.method ?? 'GET', url.pathname);
    if (!match) throw new NotFoundError('route');
    const claims = match.route.access === 'public' ? undefined : await authorize(req);
    const body = await readBody(req);
    const event = toHttpApiEvent(req, url, body, match, requestId, claims);
    writeResult(res, await deps.runtime.invoke(match.route.functionName, event), requestId);
  };

  const server = createServer((req, res) => {
    const requestId = randomUUID();
    handle(req, res, requestId).catch((error: unknown) => {
      if (!(error instanceof DomainError)) console.error(`[gateway] ${req.method} ${req.url}:`, error);
      if (!res.headersSent) writeResult(res, errorEnvelope(error, requestId), requestId);
      else res.destroy();
    });
  });
  const bound = await listen(server, port, 'HTTP gateway');
  return {
    port: bound,
    url: `http://localhost:${bound}`,
    server,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
};

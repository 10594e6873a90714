// The IoT Core control plane over HTTP, speaking the REST-JSON protocol @aws-sdk/client-iot sends
// (paths, methods, `x-amzn-principal`, query parameters, `x-amzn-errortype`), for the calls the
// cloud makes on things and their certificates. Signatures are not checked: local credentials.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { X509Certificate } from 'node:crypto';
import { listen } from '../ports.ts';
import type { IotArns } from './arns.ts';
import { LOCAL_ACCOUNT } from './arns.ts';
import { CertificateStatus, RegistryError, type IotRegistry } from './registry.ts';

type Reply = { status: number; body?: unknown };
type Route = { method: string; pattern: RegExp; run: (params: string[], url: URL, req: IncomingMessage) => Reply };

const seconds = (ms: number) => ms / 1000;
const ok = (body: unknown = {}): Reply => ({ status: 200, body });

const invalid = (message: string) => new RegistryError('InvalidRequestException', message);

/** Statuses IoT Core sets but UpdateCertificate refuses (API reference, UpdateCertificate `newStatus`). */
const INTERNAL_STATUSES: readonly CertificateStatus[] = ['PENDING_TRANSFER', 'PENDING_ACTIVATION'];

const routes = (registry: IotRegistry, arns: IotArns): Route[] => [
  {
    method: 'GET',
    pattern: /^\/things\/([^/]+)$/,
    run: ([name]) => {
      const thing = registry.thing(name!);
      return ok({ defaultClientId: thing.thingName, thingName: thing.thingName, thingId: thing.thingId, thingArn: arns.thing(thing.thingName), attributes: thing.attributes, version: thing.version });
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/things\/([^/]+)$/,
    run: ([name], url) => {
      const expected = url.searchParams.get('expectedVersion');
      const thing = registry.findThing(name!);
      if (thing && expected !== null && Number(expected) !== thing.version)
        throw Object.assign(new Error(`The version for thing ${name} does not match the expected version.`), { code: 'VersionConflictException', status: 409 });
      registry.deleteThing(name!);
      return ok();
    },
  },
  {
    method: 'GET',
    pattern: /^\/things\/([^/]+)\/principals$/,
    // A thing has a handful of certificates at most: one page, no nextToken.
    run: ([name]) => ok({ principals: registry.thingPrincipals(name!) }),
  },
  {
    method: 'DELETE',
    pattern: /^\/things\/([^/]+)\/principals$/,
    run: ([name], _url, req) => {
      const principal = req.headers['x-amzn-principal'];
      if (typeof principal !== 'string' || !principal) throw invalid('x-amzn-principal is required');
      registry.detachThingPrincipal(name!, principal);
      return ok();
    },
  },
  {
    method: 'GET',
    pattern: /^\/certificates\/([^/]+)$/,
    run: ([id]) => {
      const cert = registry.certificate(id!);
      const x509 = new X509Certificate(cert.certificatePem);
      return ok({
        certificateDescription: {
          certificateArn: arns.certificate(cert.certificateId),
          certificateId: cert.certificateId,
          status: cert.status,
          certificatePem: cert.certificatePem,
          ownedBy: LOCAL_ACCOUNT,
          creationDate: seconds(cert.creationDate),
          lastModifiedDate: seconds(cert.lastModifiedDate),
          customerVersion: 1,
          validity: { notBefore: seconds(Date.parse(x509.validFrom)), notAfter: seconds(Date.parse(x509.validTo)) },
          certificateMode: 'DEFAULT',
        },
      });
    },
  },
  {
    method: 'PUT',
    pattern: /^\/certificates\/([^/]+)$/,
    run: ([id], url) => {
      const status = CertificateStatus.safeParse(url.searchParams.get('newStatus'));
      if (!status.success) throw invalid('newStatus must be a certificate status');
      // IoT Core keeps these two to itself: UpdateCertificate throws when asked for either.
      if (INTERNAL_STATUSES.includes(status.data)) throw invalid(`newStatus ${status.data} is used internally by AWS IoT`);
      registry.updateCertificate(id!, status.data);
      return ok(undefined);
    },
  },
];

const STATUS: Record<RegistryError['code'], number> = { ResourceNotFoundException: 404, InvalidRequestException: 400, CertificateStateException: 406 };

const send = (res: ServerResponse, status: number, body?: unknown, errorType?: string) => {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
  res.end(text);
};

export type IotControlPlane = { endpoint: string; server: Server; stop: () => Promise<void> };

export const startIotControlPlane = async (registry: IotRegistry, arns: IotArns, port = 0): Promise<IotControlPlane> => {
  const table = routes(registry, arns);
  const server = createServer((req, res) => {
    // The SDK sends a body only for calls with one; none of these read it, but it must be drained.
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      const route = table.find((r) => r.method === req.method && r.pattern.test(path));
      if (!route) return send(res, 404, { message: `${req.method} ${path} is not emulated locally` }, 'UnknownOperationException');
      try {
        const params = route.pattern.exec(path)!.slice(1).map(decodeURIComponent);
        const reply = route.run(params, url, req);
        send(res, reply.status, reply.body);
      } catch (error) {
        const e = error as Error & { code?: string; status?: number };
        if (error instanceof RegistryError) return send(res, STATUS[error.code], { message: error.message }, error.code);
        if (e.code && e.status) return send(res, e.status, { message: e.message }, e.code);
        console.error(`[iot] ${req.method} ${path}: ${e.stack}`);
        send(res, 500, { message: 'Internal failure' }, 'InternalFailureException');
      }
    });
  });
  const bound = await listen(server, port, 'IoT control plane');
  return {
    endpoint: `http://localhost:${bound}`,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        // The SDK keeps connections alive; without this, close waits for them to time out.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

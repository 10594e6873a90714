// What the local gateway and the edge middlewares cost per request. Three ways to read the same
// tenant from DynamoDB Local, in one run:
//   domain   - getTenantProfile() called directly: the DynamoDB read and nothing else (baseline)
//   handler  - the Lambda handler invoked in-process: + middy chain (auth, parsing, logging, errors)
//   gateway  - GET /v1/tenant over HTTP: + JWT verification, event building, worker hop
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { LocalCloud } from '../local/cloud.ts';
import { measureInterleaved, writeResult } from './measure.ts';

const OPTIONS = { warmup: 200, iterations: 1500 };

export const runGatewayOverhead = async (cloud: LocalCloud, session: { token: string; tenantId: string; userId: string }) => {
  // The in-process handler reads its bindings from the environment, as in Lambda.
  Object.assign(process.env, {
    TABLE_MAIN: cloud.tables.main,
    HTTP_ACCESS: 'signedIn',
    AWS_ENDPOINT_URL_DYNAMODB: cloud.endpoints.dynamodb,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  const { handler } = await import('../functions/http/tenants/get-tenant.ts');
  const { getTenantProfile } = await import('../tenants/tenant-profile.ts');
  const { createTenancyService } = await import('../tenants/store.ts');
  const { platformScope } = await import('../tenants/data-access.ts');
  const service = createTenancyService(platformScope());
  const ctx = { tenantId: session.tenantId, userId: session.userId, role: 'hq_admin' as const, storeIds: [] };

  const event = {
    version: '2.0',
    routeKey: 'GET /v1/tenant',
    rawPath: '/v1/tenant',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { requestId: 'bench', http: { method: 'GET', path: '/v1/tenant' }, authorizer: { jwt: { claims: { sub: session.userId, tenantId: session.tenantId, role: 'hq_admin' }, scopes: [] } } },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
  const context = { functionName: 'getTenant', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

  const { domain, handler: direct, gateway } = await measureInterleaved(
    {
      domain: async () => void (await getTenantProfile(ctx, { service })),
      handler: async () => {
        const res = await handler(event, context);
        if (res.statusCode !== 200) throw new Error(`handler answered ${res.statusCode}`);
      },
      gateway: async () => {
        const res = await fetch(`${cloud.apiUrl}/v1/tenant`, { headers: { authorization: `Bearer ${session.token}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`gateway answered ${res.status}`);
      },
    },
    OPTIONS,
  );

  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const result = {
    description: 'GET /v1/tenant: DynamoDB read alone vs the handler in-process vs the full local gateway, sequential requests',
    results: { domain, handler: direct, gateway },
    ratios: {
      handlerOverDomainP50: ratio(direct.p50Ms, domain.p50Ms),
      gatewayOverHandlerP50: ratio(gateway.p50Ms, direct.p50Ms),
      gatewayOverDomainP50: ratio(gateway.p50Ms, domain.p50Ms),
    },
    overheadMs: { middlewareP50: Math.round((direct.p50Ms - domain.p50Ms) * 1000) / 1000, gatewayP50: Math.round((gateway.p50Ms - direct.p50Ms) * 1000) / 1000 },
  };
  writeResult('gateway-overhead', result);
  return result;
};

// Token vending at run time: with TENANT_ROLE_ARN set (as in AWS) a tenant's DynamoDB calls are
// signed with credentials from STS AssumeRole carrying that tenant's session tags. STS cannot be
// reached here, so a stand-in speaks its Query protocol; a capture endpoint records who signed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Seen = { sts: URLSearchParams[]; dynamoSigners: string[] };
const seen: Seen = { sts: [], dynamoSigners: [] };
const servers: Server[] = [];
const ROLE = 'arn:aws:iam::123456789012:role/storefleet-test-tenant-readwrite';

const listen = async (handle: (body: string, headers: Record<string, string | string[] | undefined>) => { type: string; body: string }): Promise<string> => {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const out = handle(body, req.headers);
      res.writeHead(200, { 'content-type': out.type }).end(out.body);
    });
  });
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const savedEnv: NodeJS.ProcessEnv = {};
let issued = 0;
const assumeRoleResponse = (tenantId: string) => {
  issued++;
  const expiration = new Date(Date.now() + 900_000).toISOString();
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIATENANT${issued}</AccessKeyId><SecretAccessKey>secret-${tenantId}</SecretAccessKey><SessionToken>token-${tenantId}</SessionToken><Expiration>${expiration}</Expiration></Credentials>
<AssumedRoleUser><AssumedRoleId>AROA:${tenantId}</AssumedRoleId><Arn>${ROLE}/${tenantId}</Arn></AssumedRoleUser><PackedPolicySize>6</PackedPolicySize>
</AssumeRoleResult><ResponseMetadata><RequestId>r-${issued}</RequestId></ResponseMetadata></AssumeRoleResponse>`;
};

beforeAll(async () => {
  const sts = await listen((body) => {
    const params = new URLSearchParams(body);
    seen.sts.push(params);
    return { type: 'text/xml', body: assumeRoleResponse(params.get('RoleSessionName') ?? '') };
  });
  const dynamo = await listen((_, headers) => {
    seen.dynamoSigners.push(/Credential=([^/]+)\//.exec(String(headers.authorization))?.[1] ?? 'unsigned');
    return { type: 'application/x-amz-json-1.0', body: '{}' };
  });
  Object.assign(savedEnv, process.env);
  Object.assign(process.env, { AWS_ENDPOINT_URL_STS: sts, AWS_ENDPOINT_URL_DYNAMODB: dynamo, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAFUNCTIONROLE', AWS_SECRET_ACCESS_KEY: 'x' });
});

afterAll(() => {
  servers.forEach((s) => s.close());
  process.env = savedEnv;
});

describe('tenant credentials', () => {
  it("sign a tenant's calls with credentials assumed under its session tags, once per tenant", async () => {
    const { tenantClient } = await import('../../tenants/tenant-credentials.ts');
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const a = tenantClient({ tenantId: 'ten_01JAAAAAAAAAAAAAAAAAAAAAAA', slug: 'alpha', tier: 'pooled' }, ROLE);
    const b = tenantClient({ tenantId: 'ten_01JBBBBBBBBBBBBBBBBBBBBBBB', slug: 'beta', tier: 'silo' }, ROLE);
    for (const client of [a, a, b]) await client.send(new GetCommand({ TableName: 't', Key: { pk: 'x', sk: 'y' } }));

    expect(seen.sts).toHaveLength(2); // a's credentials are reused for its second call
    const [first, second] = seen.sts.map((p) => Object.fromEntries(p));
    expect(first).toMatchObject({
      Action: 'AssumeRole',
      RoleArn: ROLE,
      RoleSessionName: 'ten_01JAAAAAAAAAAAAAAAAAAAAAAA',
      DurationSeconds: '900',
      'Tags.member.1.Key': 'tenantId',
      'Tags.member.1.Value': 'ten_01JAAAAAAAAAAAAAAAAAAAAAAA',
      'Tags.member.2.Key': 'tenantSlug',
      'Tags.member.2.Value': 'alpha',
    });
    expect(second).toMatchObject({ 'Tags.member.1.Value': 'ten_01JBBBBBBBBBBBBBBBBBBBBBBB', 'Tags.member.2.Value': 'beta' });
    expect(seen.dynamoSigners).toEqual(['ASIATENANT1', 'ASIATENANT1', 'ASIATENANT2']);
  });

  it("fall back to the function's own credentials where no tenant role is bound (the local cloud)", async () => {
    const { tenantClient } = await import('../../tenants/tenant-credentials.ts');
    const { documentClient } = await import('../../domain/shared/dynamo.ts');
    expect(tenantClient({ tenantId: 'ten_01JCCCCCCCCCCCCCCCCCCCCCCC', slug: 'gamma', tier: 'pooled' }, undefined)).toBe(documentClient);
  });
});

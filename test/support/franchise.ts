// Helpers for the franchise onboarding tests: invitations, application bodies, requests from a
// chosen loopback address (the gateway sees it as the source IP), and item counts per entity.
import { request } from 'node:http';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { call, cloud, PASSWORD, uniqueSlug, type ApiResponse, type TestTenant } from './api.ts';
import { entityChanges } from './writes.ts';

export const invite = async (t: TestTenant, body: { email?: string; regionId?: string } = {}) => {
  const res = await call('POST', '/v1/franchise/invitations', { token: t.token, body });
  if (res.status !== 201) throw new Error(`invitation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string; expiresAt: string };
};

export const applicationBody = (code: string, over: { email?: string; regionId?: string; accountNo?: string } = {}) => ({
  code,
  applicant: {
    legalName: 'Shanghai Xinyue Trading Co., Ltd.',
    licenseNo: '91310115MA1H7ABC3X',
    contactName: 'Li Wei',
    phone: '+8613812345678',
    email: over.email ?? `franchisee-${uniqueSlug()}@example.com`,
    password: PASSWORD,
  },
  store: { name: 'Xinyue Pudong', address: '88 Century Avenue, Pudong', ...(over.regionId ? { regionId: over.regionId } : {}) },
  settlementAccount: { bankName: 'Bank of Shanghai', accountName: 'Shanghai Xinyue Trading Co., Ltd.', accountNo: over.accountNo ?? '6222 0212 3456 7890 123' },
});

let nextHost = 2;
/** A loopback address no other test has used: its own source IP for the rate limits. */
export const freshSourceIp = (): string => {
  const n = nextHost++;
  return `127.${Math.floor(Math.random() * 200) + 20}.${Math.floor(n / 250)}.${(n % 250) + 2}`;
};

/** POSTs JSON from `sourceIp` (any 127/8 address reaches the gateway on Linux). */
export const postFrom = (sourceIp: string, path: string, body: unknown): Promise<ApiResponse> =>
  new Promise((resolve, reject) => {
    const url = new URL(`${cloud().apiUrl}${path}`);
    const payload = JSON.stringify(body);
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: sourceIp, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: new Headers(res.headers as Record<string, string>), body: text ? JSON.parse(text) : undefined });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });

export const apply = (body: unknown, sourceIp = freshSourceIp()) => postFrom(sourceIp, '/v1/franchise/applications', body);

let dynamo: DynamoDBClient | undefined;
const client = () =>
  (dynamo ??= new DynamoDBClient({ endpoint: cloud().endpoints.dynamodb, region: process.env.AWS_REGION ?? 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));

/** Items gained per ElectroDB entity in the main table since the file first asked, optionally one tenant's. */
export const entityCounts = entityChanges;

/** Counts with the submission counters left out: they are the one write a refused application makes. */
export const countsWithoutAttempts = async (tenantId?: string) => {
  const { franchiseApplicationAttempts: _attempts, ...rest } = await entityCounts(tenantId);
  return rest;
};

/** One raw item of the main table, to check what is (not) stored in it. */
export const rawItem = async (pk: string, sk: string): Promise<Record<string, unknown> | undefined> => {
  const { Item } = await client().send(new GetItemCommand({ TableName: cloud().tables.main, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: true }));
  return Item ? unmarshall(Item) : undefined;
};

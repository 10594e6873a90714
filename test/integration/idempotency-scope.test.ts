// What an Idempotency-Key names (issue 10): one operation of one caller on one resource. The
// same key elsewhere is refused, another caller's key is theirs alone, a retry after a crash that
// followed the commit writes nothing twice, and the idempotency table holds no secret.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, cloud, expectEnvelope, PASSWORD, uniqueSlug } from '../support/api.ts';
import { transferChain, type Chain } from '../support/transfers.ts';

let c: Chain;
let A: string;

const idempotencyTable = () => cloud().tables.idempotency!;
let documents: DynamoDBDocumentClient | undefined;
const db = () =>
  (documents ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: cloud().endpoints.dynamodb, region: process.env.AWS_REGION ?? 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  ));

const idempotencyItems = async (): Promise<Record<string, any>[]> => {
  const items: Record<string, any>[] = [];
  let start: Record<string, any> | undefined;
  do {
    const page = await db().send(new ScanCommand({ TableName: idempotencyTable(), ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/** Sends `request` and returns it with the Powertools record it left (the one new completed record). */
const withRecord = async <T>(request: () => Promise<T>) => {
  const before = new Set((await idempotencyItems()).map((i) => i.id as string));
  const res = await request();
  const records = (await idempotencyItems()).filter((i) => !before.has(i.id) && i.status === 'COMPLETED');
  expect(records).toHaveLength(1);
  return { res, record: records[0]! };
};

/** Leaves the record as a Lambda that committed and died before completing it leaves it, once its lock has lapsed. */
const crashedAfterCommit = (record: Record<string, any>) =>
  db().send(new PutCommand({ TableName: idempotencyTable(), Item: { id: record.id, expiration: record.expiration, validation: record.validation, status: 'INPROGRESS', in_progress_expiration: Date.now() - 1000 } }));

const key = () => ({ 'idempotency-key': uniqueSlug('key') });
const post = (path: string, body: unknown, token: string, headers: Record<string, string>) => call('POST', path, { token, body, headers });

beforeAll(async () => {
  c = await transferChain('idem-scope', 1);
  A = c.skus[0]!;
  await c.receipt(c.w, { [A]: 100 });
});

describe('a key names one operation', () => {
  it('refuses the same key and body on another transfer, which stays unreceived', async () => {
    const ship = { fromLocationId: c.w, toLocationId: c.s1, lines: [{ skuId: A, quantity: 2 }] };
    const t1 = (await post('/v1/stock/transfers', ship, c.t.token, key())).body.id as string;
    const t2 = (await post('/v1/stock/transfers', ship, c.t.token, key())).body.id as string;
    const headers = key();
    const receipt = { lines: [{ skuId: A, quantity: 2 }] };
    expect((await post(`/v1/stock/transfers/${t1}/receive`, receipt, c.m1.token, headers)).status).toBe(200);
    expectEnvelope(await post(`/v1/stock/transfers/${t2}/receive`, receipt, c.m1.token, headers), 409, 'idempotency_key_reused');
    expect((await call('GET', `/v1/stock/transfers/${t2}`, { token: c.t.token })).body).toMatchObject({ receipts: 0, lines: [{ received: 0 }] });
  });

  it('refuses the same key for provisioning codes of two stores', async () => {
    const headers = key();
    expect((await post(`/v1/stores/${c.s1}/provisioning-codes`, {}, c.t.token, headers)).status).toBe(201);
    expectEnvelope(await post(`/v1/stores/${c.s2}/provisioning-codes`, {}, c.t.token, headers), 409, 'idempotency_key_reused');
  });

  it("never replays one caller's answer to another: the second caller meets the route's own checks", async () => {
    const headers = key();
    const body = { locationId: c.s1, type: 'receipt', lines: [{ skuId: A, quantity: 1 }] };
    expect((await post('/v1/stock/movements', body, c.m1.token, headers)).status).toBe(201);
    const other = await post('/v1/stock/movements', body, c.m2.token, headers);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect([403, 404]).toContain(other.status);
  });
});

describe('a crash after the commit cannot post twice', () => {
  it('a movement retried after its record lapsed in progress moves stock once and answers with the first posting', async () => {
    const headers = key();
    const body = { locationId: c.s2, type: 'receipt', lines: [{ skuId: A, quantity: 7 }] };
    const before = await c.onHand(c.s2, A);
    const { res: first, record } = await withRecord(() => post('/v1/stock/movements', body, c.t.token, headers));
    expect(first.status).toBe(201);
    await crashedAfterCommit(record);
    const retry = await post('/v1/stock/movements', body, c.t.token, headers);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(await c.onHand(c.s2, A)).toBe(before + 7);
    await c.expectLedgerBalanced([c.s2]);
  });

  it('a transfer retried the same way ships once, under the first id', async () => {
    const headers = key();
    const body = { fromLocationId: c.w, toLocationId: c.s2, lines: [{ skuId: A, quantity: 3 }] };
    const before = await c.onHand(c.w, A);
    const { res: first, record } = await withRecord(() => post('/v1/stock/transfers', body, c.t.token, headers));
    expect(first.status).toBe(201);
    await crashedAfterCommit(record);
    const retry = await post('/v1/stock/transfers', body, c.t.token, headers);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await c.onHand(c.w, A)).toBe(before - 3);
  });
});

describe('no secret in the idempotency table', () => {
  it('keeps neither a one-time code nor a password nor a plain hash of either', async () => {
    const { res: code } = await withRecord(() => post(`/v1/stores/${c.s1}/provisioning-codes`, {}, c.t.token, key()));
    const slug = uniqueSlug();
    const signup = { name: `Chain ${slug}`, slug, adminEmail: `admin@${slug}.example`, adminPassword: PASSWORD };
    const { res: tenant } = await withRecord(() => call('POST', '/v1/tenants', { body: signup, headers: key() }));
    expect(tenant.status).toBe(201);
    const stored = JSON.stringify(await idempotencyItems());
    const plainCode = (code.body.code as string).replaceAll('-', '');
    for (const secret of [code.body.code as string, plainCode, PASSWORD, slug]) expect(stored).not.toContain(secret);
    // An unkeyed digest of the body (what MD5 of the body was) would let anyone holding the table confirm a guess.
    const { createHash } = await import('node:crypto');
    for (const algorithm of ['md5', 'sha256']) expect(stored).not.toContain(createHash(algorithm).update(JSON.stringify(signup)).digest('hex'));
  });
});

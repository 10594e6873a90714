// The checkout's read path on the local engines: point reads issued together go out as one
// BatchGetItem and each caller gets exactly the answer its own call would have had; and a
// checkout priced from the instance's memory of the chain's prices never sells at a price that
// has changed, however soon after the change it comes.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClientOver } from '../../domain/shared/document-client.ts';
import { cloud, type TestTenant } from '../support/api.ts';
import { createList, patchList, pricingKit, type PricedChain } from '../support/pricing.ts';
import { ok, placeOrder, stockedChain } from '../support/orders.ts';

describe('gathered point reads', () => {
  const sent: string[] = [];
  let base: DynamoDBClient;
  let plain: DynamoDBDocumentClient;
  let gathered: ReturnType<typeof documentClientOver>;
  const table = () => cloud().tables.main!;
  const run = randomUUID();
  const key = (i: number) => ({ pk: `test#coalesce#${run}`, sk: `item#${i}` });

  beforeAll(async () => {
    const { endpoints } = cloud();
    const config = { endpoint: endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    base = new DynamoDBClient(config);
    base.middlewareStack.add((next, context) => async (args) => (sent.push(String(context.commandName)), next(args)), { step: 'initialize' });
    gathered = documentClientOver(base);
    plain = DynamoDBDocumentClient.from(new DynamoDBClient(config));
    for (let i = 0; i < 6; i++) await plain.send(new PutCommand({ TableName: table(), Item: { ...key(i), value: i, note: 'x'.repeat(i * 10) } }));
  });
  afterAll(() => {
    base.destroy();
    plain.destroy();
  });

  it('answers each caller as its own call would, in one BatchGetItem', async () => {
    const requests = () => [
      new GetCommand({ TableName: table(), Key: key(0) }),
      new GetCommand({ TableName: table(), Key: key(99) }),
      new GetCommand({ TableName: table(), Key: key(0) }),
      new BatchGetCommand({ RequestItems: { [table()]: { Keys: [key(1), key(2), key(98), key(0)] } } }),
      new BatchGetCommand({ RequestItems: { [table()]: { Keys: [key(3)] } } }),
    ];
    const direct = await Promise.all(requests().map((r) => plain.send(r as GetCommand)));
    sent.length = 0;
    const together = await Promise.all(requests().map((r) => gathered.send(r as GetCommand)));
    expect(sent).toEqual(['BatchGetItemCommand']);
    const bare = (out: any) => ({ Item: out.Item, Responses: out.Responses && Object.fromEntries(Object.entries(out.Responses).map(([t, items]: [string, any]) => [t, [...items].sort((a, b) => a.sk.localeCompare(b.sk))])) });
    expect(together.map(bare)).toEqual(direct.map(bare));
    expect(together[1]).not.toHaveProperty('Item');
  });

  it('keeps strong and eventual reads of a table apart, and sends projections as they came', async () => {
    sent.length = 0;
    const [strong, eventual, projected] = await Promise.all([
      gathered.send(new GetCommand({ TableName: table(), Key: key(4), ConsistentRead: true })),
      gathered.send(new GetCommand({ TableName: table(), Key: key(5) })),
      gathered.send(new GetCommand({ TableName: table(), Key: key(5), ProjectionExpression: '#v', ExpressionAttributeNames: { '#v': 'value' } })),
    ]);
    expect(sent.sort()).toEqual(['GetItemCommand', 'GetItemCommand', 'GetItemCommand']);
    expect([strong.Item?.value, eventual.Item?.value, projected.Item]).toEqual([4, 5, { value: 5 }]);
  });

  it('fails every caller of a call that fails', async () => {
    const missingTable = `${table()}-missing`;
    const results = await Promise.allSettled([
      gathered.send(new GetCommand({ TableName: missingTable, Key: key(0) })),
      gathered.send(new BatchGetCommand({ RequestItems: { [missingTable]: { Keys: [key(1)] } } })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('checkout prices from memory', () => {
  const { tenant } = pricingKit();
  let t: TestTenant;
  let c: PricedChain;
  beforeAll(async () => {
    t = await tenant('memory');
    c = await stockedChain(t, 200);
  });
  const sell = async () => {
    const order = ok('checkout', await placeOrder(t.token, { storeId: c.stores.e1, channel: 'pos', lines: [{ skuId: c.skus.water, quantity: 1 }], payment: { flow: 'cash' } }), 201);
    return order.lines[0].unitPrice as number;
  };

  it('sells at each new price from the first checkout after the change', async () => {
    // Warm the functions' memory at list price, then move the price under it again and again.
    for (let i = 0; i < 3; i++) expect(await sell()).toBe(200);
    const list = await createList(t, { name: 'Water deal', priority: 20, prices: [{ skuId: c.skus.water, amount: 180 }] });
    expect(await sell()).toBe(180);
    expect(await sell()).toBe(180);
    for (const amount of [170, 160, 150]) {
      await patchList(t, list.id, { prices: [{ skuId: c.skus.water, amount }] });
      expect(await sell()).toBe(amount);
      expect(await sell()).toBe(amount);
    }
    await patchList(t, list.id, { status: 'archived' });
    expect(await sell()).toBe(200);
  });
});

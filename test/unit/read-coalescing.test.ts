// What the gathering client does with the answers DynamoDB Local never gives: keys handed back
// unprocessed. (Everything else it does is tested against the engine, checkout-reads.test.ts.)
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { coalesceReads } from '../../domain/shared/read-coalescing.ts';
import type { DocumentClient } from '../../domain/shared/data-scope.ts';

const key = (sk: string) => ({ pk: 'p', sk });
const item = (sk: string) => ({ ...key(sk), v: sk });

/** A client that serves every key but hands `refused` back unprocessed from a BatchGetItem. */
const fakeClient = (refused: Set<string>) => {
  const sent: unknown[] = [];
  const send = async (command: unknown) => {
    sent.push(command);
    if (command instanceof GetCommand) return { $metadata: {}, Item: item(String(command.input.Key!.sk)) };
    const [table, { Keys }] = Object.entries((command as BatchGetCommand).input.RequestItems!)[0] as [string, { Keys: { sk: string }[] }];
    const left = Keys.filter((k) => refused.has(k.sk));
    return { $metadata: {}, Responses: { [table]: Keys.filter((k) => !refused.has(k.sk)).map((k) => item(k.sk)) }, UnprocessedKeys: left.length ? { [table]: { Keys: left } } : {} };
  };
  return { client: { send } as unknown as DocumentClient, sent };
};

describe('gathered reads with keys left unprocessed', () => {
  it('hands a batch caller its unprocessed keys, and reads a single caller\'s key again alone', async () => {
    const { client, sent } = fakeClient(new Set(['b', 'c']));
    const gathered = coalesceReads(client);
    const [single, other, batch] = await Promise.all([
      gathered.send(new GetCommand({ TableName: 'T', Key: key('c') })),
      gathered.send(new GetCommand({ TableName: 'T', Key: key('a') })),
      gathered.send(new BatchGetCommand({ RequestItems: { T: { Keys: [key('a'), key('b')] } } })),
    ]);
    expect(single.Item).toEqual(item('c'));
    expect(other.Item).toEqual(item('a'));
    expect(batch.Responses).toEqual({ T: [item('a')] });
    expect(batch.UnprocessedKeys).toEqual({ T: { Keys: [key('b')] } });
    // One gathered call of the three distinct keys, then c alone.
    expect(sent.map((c) => (c as object).constructor.name)).toEqual(['BatchGetCommand', 'GetCommand']);
    expect((sent[0] as BatchGetCommand).input.RequestItems!.T!.Keys).toEqual([key('c'), key('a'), key('b')]);
  });

  it('sends a lone read unchanged', async () => {
    const { client, sent } = fakeClient(new Set());
    const get = new GetCommand({ TableName: 'T', Key: key('a') });
    expect((await coalesceReads(client).send(get)).Item).toEqual(item('a'));
    expect(sent).toEqual([get]);
  });
});

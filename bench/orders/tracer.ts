// The bench's DynamoDB tracer (bench/orders.ts): every command's timing, input, output and the items it wrote.
import { DescribeTableCommand, GetItemCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { LocalCloud } from '../../local/cloud.ts';
import { type Attrs, type Written, type Call, type Recording, CAPACITY_COMMANDS, type TableShape } from './units.ts';

// ---------------------------------------------------------------------------------------------
// Tracing: each command's start and end, inputs as sent and outputs as received, and (when asked)
// the items each write touched, read before and after it outside the timed window.

export type Stack = { add: (...args: any[]) => void };

export const createTracer = async (cloud: LocalCloud, bare: DynamoDBClient) => {
  const logical = Object.fromEntries(Object.entries(cloud.tables).map(([name, physical]) => [physical, name]));
  const shapes: Record<string, TableShape> = {};
  for (const physical of Object.keys(logical)) {
    const { Table } = await bare.send(new DescribeTableCommand({ TableName: physical }));
    shapes[physical] = {
      key: (Table?.KeySchema ?? []).map((k) => k.AttributeName!),
      gsis: (Table?.GlobalSecondaryIndexes ?? []).map((g) => ({ pk: g.KeySchema!.find((k) => k.KeyType === 'HASH')!.AttributeName!, sk: g.KeySchema!.find((k) => k.KeyType === 'RANGE')?.AttributeName })),
    };
  }
  const keyOf = (table: string, item: Attrs): Attrs => Object.fromEntries((shapes[table]?.key ?? []).map((k) => [k, item[k]!]));
  const writtenBy = (command: string, input: Record<string, any>): Written[] => {
    if (command === 'PutItem') return [{ kind: 'Put', table: input.TableName, key: keyOf(input.TableName, input.Item) }];
    if (command === 'UpdateItem') return [{ kind: 'Update', table: input.TableName, key: input.Key }];
    if (command === 'DeleteItem') return [{ kind: 'Delete', table: input.TableName, key: input.Key }];
    if (command === 'TransactWriteItems')
      return (input.TransactItems as TransactWriteItem[]).map((t) => {
        if (t.Put) return { kind: 'Put', table: t.Put.TableName!, key: keyOf(t.Put.TableName!, t.Put.Item!) };
        const [kind, op] = t.Update ? (['Update', t.Update] as const) : t.Delete ? (['Delete', t.Delete] as const) : (['ConditionCheck', t.ConditionCheck!] as const);
        return { kind, table: op.TableName!, key: op.Key! };
      });
    if (command === 'BatchWriteItem')
      return Object.entries(input.RequestItems as Record<string, { PutRequest?: { Item: Attrs }; DeleteRequest?: { Key: Attrs } }[]>).flatMap(([table, requests]) =>
        requests.map((r): Written => (r.PutRequest ? { kind: 'Put', table, key: keyOf(table, r.PutRequest.Item) } : { kind: 'Delete', table, key: r.DeleteRequest!.Key })),
      );
    return [];
  };
  const image = async (w: Written) => (await bare.send(new GetItemCommand({ TableName: w.table, Key: w.key, ConsistentRead: true }))).Item;

  let recording: Recording | undefined;
  type Ctx = { commandName?: string; benchCall?: Call };
  const attach = (stack: Stack) => {
    // Outermost, as the caller sends: when the call starts and ends, and (before the input is
    // serialized) a request for what it consumed.
    stack.add(
      (next: (a: unknown) => Promise<unknown>, context: Ctx) => async (args: { input: Record<string, unknown> }) => {
        const log = recording;
        if (!log) return next(args);
        const command = String(context.commandName).replace(/Command$/, '');
        if (CAPACITY_COMMANDS.has(command)) args.input.ReturnConsumedCapacity ??= 'INDEXES';
        const call: Call = { command, start: performance.now(), end: 0, input: args.input, written: [] };
        context.benchCall = call;
        log.calls.push(call);
        try {
          return await next(args);
        } catch (error) {
          call.error = (error as Error).name;
          throw error;
        } finally {
          call.end = performance.now();
        }
      },
      { step: 'initialize', priority: 'high', name: 'benchTrace' },
    );
    // After marshalling (the document client's happens before serialization): inputs and outputs
    // as the wire carries them, and the written items' images (read outside the traced client).
    stack.add(
      (next: (a: unknown) => Promise<{ output: Record<string, any> }>, context: Ctx) => async (args: { input: Record<string, any> }) => {
        const call = context.benchCall;
        if (!call || !recording) return next(args);
        const images = recording.images;
        call.input = args.input;
        call.written = writtenBy(call.command, args.input);
        if (images) await Promise.all(call.written.map(async (w) => (w.before = await image(w))));
        try {
          const result = await next(args);
          call.output = result.output;
          return result;
        } finally {
          if (images) await Promise.all(call.written.map(async (w) => (w.after = await image(w))));
        }
      },
      { step: 'build', name: 'benchWireTrace' },
    );
  };
  const record = async <T>(images: boolean, run: () => Promise<T>): Promise<{ calls: Call[]; value: T }> => {
    recording = { calls: [], images };
    try {
      return { value: await run(), calls: recording.calls };
    } finally {
      recording = undefined;
    }
  };
  return { attach, record, shapes, logical };
};

export type Tracer = Awaited<ReturnType<typeof createTracer>>;


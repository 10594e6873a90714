// Point reads issued together become one BatchGetItem. A use case reads its inputs in parallel
// (the store, the SKUs, their stock levels and policies, the price sequence), and each read is an
// entity of its own, so each was a call of its own. On AWS parallel calls overlap; on a busy
// function or DynamoDB Local (which serves them largely one after another) every call is another
// network exchange. The client below gathers the GetItem and BatchGetItem calls made in one turn
// of the event loop and sends them as one BatchGetItem per 100 distinct keys, then hands each
// caller exactly the answer its own call would have had. Read units are the same either way
// (BatchGetItem bills each item as a GetItem would).
//
// Only plain key reads are gathered: a call with a projection, an abort signal or more than 100
// keys of its own goes out as it came. A key that comes back unprocessed is handed back to a
// BatchGetItem caller as unprocessed (its own loop repeats it, domain/shared/batches.ts) and read
// again alone for a GetItem caller, who has no such loop.
import { BatchGetCommand, GetCommand, type BatchGetCommandOutput, type GetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { GET_BATCH } from './batches.ts';
import type { DocumentClient } from './data-scope.ts';

type Key = Record<string, unknown>;
type Item = Record<string, unknown>;
type Metadata = BatchGetCommandOutput['$metadata'];
/** What one table contributes to a read: its keys and how consistently they are read. */
type TableRead = { table: string; consistent: boolean; keys: Key[] };
type Answer = { found: Map<string, Item>; unprocessed: Set<string>; $metadata: Metadata };
type Pending = { reads: TableRead[]; original: unknown; answer: (a: Answer) => Promise<unknown> | unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };

/** A key's identity whatever order its attributes come in. */
const idOf = (table: string, key: Key): string => JSON.stringify([table, ...Object.keys(key).sort().map((k) => [k, key[k]])]);

const pick = (item: Item, names: readonly string[]): Key => Object.fromEntries(names.map((n) => [n, item[n]]));

/** The plain key reads a command asks for, or undefined when it must go out as it came. */
const readsOf = (command: unknown): TableRead[] | undefined => {
  if (command instanceof GetCommand) {
    const { TableName, Key, ConsistentRead, ...rest } = command.input;
    if (!TableName || !Key || Object.values(rest).some((v) => v !== undefined)) return undefined;
    return [{ table: TableName, consistent: ConsistentRead === true, keys: [Key] }];
  }
  if (command instanceof BatchGetCommand) {
    const { RequestItems, ...rest } = command.input;
    if (!RequestItems || Object.values(rest).some((v) => v !== undefined)) return undefined;
    const reads: TableRead[] = [];
    for (const [table, { Keys, ConsistentRead, ...other }] of Object.entries(RequestItems)) {
      if (!Keys || Object.values(other).some((v) => v !== undefined)) return undefined;
      reads.push({ table, consistent: ConsistentRead === true, keys: Keys });
    }
    const count = reads.reduce((n, r) => n + r.keys.length, 0);
    return count > 0 && count <= GET_BATCH ? reads : undefined;
  }
  return undefined;
};

/** One gathered call: per table its consistency and distinct keys. */
class Gathered {
  readonly tables = new Map<string, { consistent: boolean; keys: Map<string, Key> }>();
  readonly members: Pending[] = [];

  /** Adds `p` if its tables agree on consistency and the keys still fit one call. */
  admit(p: Pending): boolean {
    let added = 0;
    for (const r of p.reads) {
      const t = this.tables.get(r.table);
      if (t && t.consistent !== r.consistent) return false;
      added += r.keys.filter((k) => !t?.keys.has(idOf(r.table, k))).length;
    }
    if (this.size() + added > GET_BATCH) return false;
    for (const r of p.reads) {
      const t = this.tables.get(r.table) ?? { consistent: r.consistent, keys: new Map() };
      for (const k of r.keys) t.keys.set(idOf(r.table, k), k);
      this.tables.set(r.table, t);
    }
    this.members.push(p);
    return true;
  }

  size(): number {
    return [...this.tables.values()].reduce((n, t) => n + t.keys.size, 0);
  }
}

const answerFrom = (gathered: Gathered, out: BatchGetCommandOutput): Answer => {
  const found = new Map<string, Item>();
  for (const [table, items] of Object.entries(out.Responses ?? {})) {
    const names = Object.keys([...gathered.tables.get(table)!.keys.values()][0]!);
    for (const item of items) found.set(idOf(table, pick(item, names)), item);
  }
  const unprocessed = new Set(Object.entries(out.UnprocessedKeys ?? {}).flatMap(([table, r]) => (r.Keys ?? []).map((k) => idOf(table, k))));
  return { found, unprocessed, $metadata: out.$metadata };
};

/** `client`, with its point reads of one event-loop turn sent together. */
export const coalesceReads = (client: DocumentClient): DocumentClient => {
  const send = client.send.bind(client) as (command: unknown, options?: unknown) => Promise<unknown>;
  let queue: Pending[] = [];

  /** Sends one gathered call; whatever goes wrong, every caller in it is answered or rejected, never left waiting. */
  const sendCall = async (call: Gathered): Promise<void> => {
    if (call.members.length === 1) {
      const [only] = call.members;
      return send(only!.original).then(only!.resolve, only!.reject);
    }
    try {
      const RequestItems = Object.fromEntries([...call.tables].map(([table, t]) => [table, { Keys: [...t.keys.values()], ...(t.consistent ? { ConsistentRead: true } : {}) }]));
      const answer = answerFrom(call, (await send(new BatchGetCommand({ RequestItems }))) as BatchGetCommandOutput);
      for (const m of call.members) Promise.resolve().then(() => m.answer(answer)).then(m.resolve, m.reject);
    } catch (error) {
      call.members.forEach((m) => m.reject(error));
    }
  };

  const flush = () => {
    const batch = queue;
    queue = [];
    const calls: Gathered[] = [];
    try {
      for (const p of batch) {
        if (calls.some((c) => c.admit(p))) continue;
        const fresh = new Gathered();
        fresh.admit(p);
        calls.push(fresh);
      }
    } catch (error) {
      batch.forEach((p) => p.reject(error));
      return;
    }
    for (const call of calls) void sendCall(call);
  };

  const gathered = (command: GetCommand | BatchGetCommand, reads: TableRead[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const answer = (a: Answer): unknown => {
        if (command instanceof GetCommand) {
          const id = idOf(reads[0]!.table, reads[0]!.keys[0]!);
          if (a.unprocessed.has(id)) return send(command);
          const item = a.found.get(id);
          return { $metadata: a.$metadata, ...(item ? { Item: item } : {}) } satisfies GetCommandOutput;
        }
        const Responses: Record<string, Item[]> = {};
        const UnprocessedKeys: NonNullable<BatchGetCommandOutput['UnprocessedKeys']> = {};
        for (const r of reads) {
          const ids = r.keys.map((k) => [k, idOf(r.table, k)] as const);
          Responses[r.table] = ids.flatMap(([, id]) => (a.found.has(id) ? [a.found.get(id)!] : []));
          const left = ids.filter(([, id]) => a.unprocessed.has(id)).map(([k]) => k);
          if (left.length) UnprocessedKeys[r.table] = { Keys: left, ...(r.consistent ? { ConsistentRead: true } : {}) };
        }
        return { $metadata: a.$metadata, Responses, UnprocessedKeys } satisfies BatchGetCommandOutput;
      };
      if (queue.length === 0) setImmediate(flush);
      queue.push({ reads, original: command, answer, resolve, reject });
    });

  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return (command: unknown, options?: unknown) => {
        const reads = options === undefined || isEmptyOptions(options) ? readsOf(command) : undefined;
        return reads ? gathered(command as GetCommand | BatchGetCommand, reads) : send(command, options);
      };
    },
  });
};

/** ElectroDB passes `{ abortSignal: undefined }` when no signal was given. */
const isEmptyOptions = (options: unknown): boolean => typeof options === 'object' && options !== null && Object.values(options).every((v) => v === undefined);

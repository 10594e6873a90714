// DynamoDB's batch calls take a bounded number of keys or items and may hand some back
// unprocessed (throttling, or a response at its size limit). This is the one loop that chunks a
// list to the limit and repeats whatever comes back, with a growing pause between repeats.

/** BatchGetItem takes at most 100 keys; BatchWriteItem at most 25 items. */
export const GET_BATCH = 100;
export const WRITE_BATCH = 25;
const MAX_PAUSE_MS = 1000;

const chunks = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

const drain = async <K, T>(keys: readonly K[], size: number, call: (keys: K[]) => Promise<{ data: T[]; unprocessed: K[] }>): Promise<T[]> => {
  const done: T[] = [];
  for (const chunk of chunks(keys, size)) {
    for (let pending = chunk, attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(MAX_PAUSE_MS, 20 * 2 ** attempt)));
      const { data, unprocessed } = await call(pending);
      done.push(...data);
      pending = unprocessed;
    }
  }
  return done;
};

/** Every item `get` finds for `keys`, read 100 keys a call. */
export const batchGet = <K, T>(keys: readonly K[], get: (keys: K[]) => Promise<{ data: T[]; unprocessed: K[] }>): Promise<T[]> => drain(keys, GET_BATCH, get);

/** Writes every item with `put`, 25 a call, until none is left unprocessed. */
export const batchPut = async <T>(items: readonly T[], put: (items: T[]) => Promise<{ unprocessed: T[] }>): Promise<void> =>
  void (await drain(items, WRITE_BATCH, async (chunk) => ({ data: [], unprocessed: (await put(chunk)).unprocessed })));

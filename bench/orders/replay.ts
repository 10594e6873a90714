// Fresh copies of a captured checkout transaction, for the raw baseline of bench/orders.ts.
import { createHash } from 'node:crypto';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { type Attrs } from './units.ts';
import { type Tracer } from './tracer.ts';

// ---------------------------------------------------------------------------------------------
// Fresh copies of a captured transaction, for the raw baseline.

/** The same items under new partition keys of the same length (a hash of the old key and the round), so sizes stay as they were. */
export const replayOf = (items: TransactWriteItem[], tracer: Tracer) => (n: number): TransactWriteItem[] => {
  const fresh = (table: string, item: Attrs): Attrs => {
    const pkName = tracer.shapes[table]!.key[0]!;
    const pk = item[pkName]!.S!;
    return { ...item, [pkName]: { S: pk.slice(0, -8) + createHash('sha256').update(`${pk}/${n}`).digest('base64url').slice(0, 8) } };
  };
  const used = (expression: string) => new Set(expression.match(/[#:][A-Za-z0-9_]+/g) ?? []);
  return items.flatMap((t): TransactWriteItem[] => {
    if (t.Put) return [{ Put: { ...t.Put, Item: fresh(t.Put.TableName!, t.Put.Item!) } }];
    if (t.Update) {
      // The condition was about the item as it stood (a version, a number, a level): a fresh item cannot meet it.
      const { ConditionExpression: _, ReturnValuesOnConditionCheckFailure: __, ExpressionAttributeNames, ExpressionAttributeValues, ...update } = t.Update;
      const keep = used(update.UpdateExpression!);
      const names = Object.fromEntries(Object.entries(ExpressionAttributeNames ?? {}).filter(([k]) => keep.has(k)));
      const values = Object.fromEntries(Object.entries(ExpressionAttributeValues ?? {}).filter(([k]) => keep.has(k)));
      return [{ Update: { ...update, Key: fresh(update.TableName!, update.Key!), ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}), ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}) } }];
    }
    if (t.Delete) return [{ Delete: { TableName: t.Delete.TableName, Key: fresh(t.Delete.TableName!, t.Delete.Key!) } }];
    return []; // a ConditionCheck writes nothing
  });
};


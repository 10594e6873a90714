// DynamoDB's write-capacity arithmetic, for engines that do not report it the way DynamoDB bills
// it (DynamoDB Local reports 1 unit per KB per item even inside a transaction). From the
// DynamoDB developer guide: an item's size is the UTF-8 length of every attribute name plus its
// value's size (string: UTF-8 bytes; number: 1 byte per 2 significant digits + 1; boolean and null:
// 1; list and map: 3 bytes + 1 per element + the elements, a map's keys included). A standard
// write costs 1 WCU per KB, rounded up; inside TransactWriteItems each item costs twice that; each
// global secondary index the write adds an entry to costs 1 WCU per KB of that entry more.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

const numberSize = (n: string): number => {
  const digits = n.replace(/^[-+]/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
};

export const valueSize = (v: AttributeValue): number => {
  if (v.S !== undefined) return utf8(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.L !== undefined) return 3 + v.L.reduce((n, e) => n + 1 + valueSize(e), 0);
  if (v.M !== undefined) return 3 + Object.entries(v.M).reduce((n, [k, e]) => n + 1 + utf8(k) + valueSize(e), 0);
  if (v.SS !== undefined) return v.SS.reduce((n, s) => n + utf8(s), 0);
  if (v.NS !== undefined) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  throw new Error(`Unsized attribute value: ${JSON.stringify(v)}`);
};

export const itemSize = (item: Record<string, AttributeValue>): number => Object.entries(item).reduce((n, [name, v]) => n + utf8(name) + valueSize(v), 0);

export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

/** WCU of one transactional write of `item`, plus its entries in the table's GSIs (named by their partition key attribute). */
export const transactionalWriteUnits = (item: Record<string, AttributeValue>, gsiKeys: readonly string[]): { table: number; indexes: number } => ({
  table: 2 * writeUnits(itemSize(item)),
  indexes: gsiKeys.filter((k) => item[k] !== undefined).length * writeUnits(itemSize(item)),
});

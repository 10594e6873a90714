import { describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemSize, transactionalWriteUnits, writeUnits } from '../../bench/write-units.ts';

describe('DynamoDB write units', () => {
  it('sizes items as the developer guide does', () => {
    // Names and UTF-8 values: "pk"(2) + "abc"(3), "名"(3) + "值"(3).
    expect(itemSize(marshall({ pk: 'abc', 名: '值' }))).toBe(11);
    // Numbers: 1 byte per two significant digits, plus 1; booleans 1.
    expect(itemSize(marshall({ n: 12345, z: 100, b: true }))).toBe(1 + 4 + 1 + 2 + 1 + 1);
    // A list: 3 bytes, plus 1 per element, plus the elements; a map's keys count.
    expect(itemSize(marshall({ l: ['ab', 'c'], m: { k: 'v' } }))).toBe(1 + 3 + 2 + 3 + 1 + 3 + 1 + 1 + 1);
  });

  it('charges a KB or part of one per write, twice inside a transaction, once more per index entry', () => {
    expect([writeUnits(1), writeUnits(1024), writeUnits(1025)]).toEqual([1, 1, 2]);
    const item = marshall({ pk: 'x', gsi1pk: 'y', pad: 'z'.repeat(1100) });
    expect(transactionalWriteUnits(item, ['gsi1pk'])).toEqual({ table: 4, indexes: 2 });
    expect(transactionalWriteUnits(item, [])).toEqual({ table: 4, indexes: 0 });
  });
});

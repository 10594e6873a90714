// The ledger's lines as the levels' stream records carry them (movement-projection.ts).
import { describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { movementOfStreamRecord } from '../../domain/inventory/ledger/movement-projection.ts';

const key = { tenantId: 'ten_1', locationId: 'sto_1', skuId: 'sku_1' };
const move = (movementId: string) => ({ movementId, type: 'sale', quantity: -2, occurredAt: '2031-01-01T00:00:00.000Z', postingId: 'ord_1:sale', reference: 'ord_1' });
const level = (lastMove?: ReturnType<typeof move>, entity = 'stockLevel') => ({ __edb_e__: entity, ...key, onHand: 3, reserved: 0, free: 3, ...(lastMove ? { lastMove } : {}) });
const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', now?: object, before?: object): DynamoDBRecord =>
  ({ eventName, dynamodb: { ...(now ? { NewImage: marshall(now) } : {}), ...(before ? { OldImage: marshall(before) } : {}) } }) as DynamoDBRecord;

describe('ledger lines from level changes', () => {
  it('takes the line a change recorded on its level, with the level naming the location and SKU', () => {
    expect(movementOfStreamRecord(record('INSERT', level(move('mov_1'))))).toEqual({ ...key, ...move('mov_1') });
    expect(movementOfStreamRecord(record('MODIFY', level(move('mov_2')), level(move('mov_1'))))).toEqual({ ...key, ...move('mov_2') });
  });

  it('takes nothing from a change that only reserved or released units, a removal, or another item', () => {
    expect(movementOfStreamRecord(record('MODIFY', level(move('mov_1')), level(move('mov_1'))))).toBeUndefined();
    expect(movementOfStreamRecord(record('INSERT', level()))).toBeUndefined();
    expect(movementOfStreamRecord(record('REMOVE', undefined, level(move('mov_1'))))).toBeUndefined();
    expect(movementOfStreamRecord(record('INSERT', level(move('mov_1'), 'outboxEvent')))).toBeUndefined();
  });
});

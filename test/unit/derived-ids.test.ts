// Ids a keyed request derives from its idempotency record: the same on every attempt, shaped and
// timed as any other id of their kind, and different for another record or kind.
import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { derivedId, idPattern } from '../../domain/shared/ids.ts';

describe('derivedId', () => {
  const at = Date.UTC(2026, 11, 2, 9, 30);

  it('names the same thing on every attempt, with the first attempt as its time', () => {
    const id = derivedId('posting', at, 'record-a');
    expect(derivedId('posting', at, 'record-a')).toBe(id);
    expect(id).toMatch(idPattern('posting'));
    expect(decodeTime(id.slice('pst_'.length))).toBe(at);
  });

  it('differs by record and by kind', () => {
    const ids = new Set([derivedId('posting', at, 'record-a'), derivedId('posting', at, 'record-b'), derivedId('transfer', at, 'record-a').replace('trf_', 'pst_')]);
    expect(ids.size).toBe(3);
  });
});

// Local stream records as Lambda would get them: the Streams client's `{}` for an empty map is
// put back as `{ M: {} }`, at any depth, and everything else is left alone.
import { describe, expect, it } from 'vitest';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { withEmptyMaps } from '../../local/pollers/stream-poller.ts';

describe('withEmptyMaps', () => {
  it('restores empty maps at the top, inside maps and inside lists, so unmarshall reads them', () => {
    const read = { scope: {}, nested: { M: { inner: {}, n: { N: '1' } } }, list: { L: [{}, { S: 'x' }] }, name: { S: 'a' } };
    const image = withEmptyMaps(read as never);
    expect(image).toEqual({ scope: { M: {} }, nested: { M: { inner: { M: {} }, n: { N: '1' } } }, list: { L: [{ M: {} }, { S: 'x' }] }, name: { S: 'a' } });
    expect(unmarshall(image)).toEqual({ scope: {}, nested: { inner: {}, n: 1 }, list: [{}, 'x'], name: 'a' });
    expect(() => unmarshall(read as never)).toThrow();
  });

  it('passes an absent image through', () => expect(withEmptyMaps(undefined)).toBeUndefined());
});

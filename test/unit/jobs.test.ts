// The bookkeeping every job shares: how many row errors a job lists.
import { describe, expect, it } from 'vitest';
import { listable, MAX_LISTED_ERRORS } from '../../domain/jobs/jobs.ts';

describe('listable', () => {
  it('lists row errors up to the cap and no further', () => {
    const errors = Array.from({ length: 50 }, (_, i) => ({ row: i + 2, message: 'x' }));
    expect(listable(errors, 0)).toEqual(errors);
    expect(listable(errors, MAX_LISTED_ERRORS - 10)).toEqual(errors.slice(0, 10));
    expect(listable(errors, MAX_LISTED_ERRORS)).toEqual([]);
    expect(listable(errors, MAX_LISTED_ERRORS + 5)).toEqual([]);
  });
});

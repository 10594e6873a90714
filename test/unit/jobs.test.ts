// The bookkeeping every job shares: how many row errors a job lists, how a job ends, how an
// import is cut into chunks, and what a canceled count means.
import { describe, expect, it } from 'vitest';
import { finalStatus, listable, MAX_LISTED_ERRORS, ROWS_PER_CHUNK } from '../../domain/jobs/jobs.ts';
import { packChunks } from '../../domain/jobs/import-job.ts';
import { countRefusal } from '../../domain/jobs/import-chunk.ts';

describe('listable', () => {
  it('lists row errors up to the cap and no further', () => {
    const errors = Array.from({ length: 50 }, (_, i) => ({ row: i + 2, message: 'x' }));
    expect(listable(errors, 0)).toEqual(errors);
    expect(listable(errors, MAX_LISTED_ERRORS - 10)).toEqual(errors.slice(0, 10));
    expect(listable(errors, MAX_LISTED_ERRORS)).toEqual([]);
    expect(listable(errors, MAX_LISTED_ERRORS + 5)).toEqual([]);
  });
});

describe('finalStatus', () => {
  it('ends a job failed when any chunk dead-lettered, succeeded otherwise (refused rows or not)', () => {
    expect(finalStatus({})).toBe('succeeded');
    expect(finalStatus({ failedChunks: 0 })).toBe('succeeded');
    expect(finalStatus({ failedChunks: 1 })).toBe('failed');
  });
});

describe('packChunks', () => {
  it('cuts rows into chunks of ROWS_PER_CHUNK, in order', () => {
    const rows = Array.from({ length: 2 * ROWS_PER_CHUNK + 1 }, (_, i) => i);
    const chunks = packChunks(rows);
    expect(chunks.map((c) => c.length)).toEqual([ROWS_PER_CHUNK, ROWS_PER_CHUNK, 1]);
    expect(chunks.flat()).toEqual(rows);
    expect(packChunks([])).toEqual([]);
  });

  it('never splits an item of several rows, and closes a chunk before it passes maxBytes', () => {
    const groups = [{ rows: 60 }, { rows: 60 }, { rows: 1 }];
    expect(packChunks(groups, { rowsOf: (g) => g.rows }).map((c) => c.length)).toEqual([1, 2]);
    const big = Array.from({ length: 5 }, () => 'x'.repeat(100));
    expect(packChunks(big, { maxBytes: 250 }).map((c) => c.length)).toEqual([2, 2, 1]);
    // An item larger than a whole chunk still gets one of its own.
    expect(packChunks([{ rows: 150 }], { rowsOf: (g) => g.rows })).toEqual([[{ rows: 150 }]]);
  });
});

describe('countRefusal', () => {
  it("reads a canceled count: the chunk's mark taken means counted already, the job's condition means another count came first", () => {
    expect(countRefusal(['ConditionalCheckFailed', 'None'])?.outcome).toBe('counted');
    expect(countRefusal(['None', 'ConditionalCheckFailed'])?.outcome).toBe('raced');
    expect(countRefusal(['TransactionConflict', 'None'])?.outcome).toBe('raced');
    expect(countRefusal(['None', 'None', 'ConditionalCheckFailed'])).toBeUndefined();
  });
});

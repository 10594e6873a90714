// List paging per API.md: ?limit (1..100, default 25) and an opaque ?cursor.
import { z } from 'zod';
import { ValidationError } from './errors.ts';

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

const badCursor = () => new ValidationError([{ path: 'query.cursor', message: 'The cursor is not valid for this list' }]);

/**
 * Runs a paged query, turning a cursor the store rejects (malformed, or a key outside the queried
 * partition) into a 400 rather than a 500.
 */
export const withCursor = async <T>(cursor: string | undefined, query: () => Promise<T>): Promise<T> => {
  try {
    return await query();
  } catch (error) {
    if (cursor !== undefined && isCursorError(error)) throw badCursor();
    throw error;
  }
};

const isCursorError = (error: unknown): boolean => {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (code === 4002 || /cursor|ExclusiveStartKey|starting key/i.test(e.message)) return true;
  }
  return false;
};

/** A page of a list, as every list route answers (API.md): the items and the cursor of the next page, null on the last. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
  });

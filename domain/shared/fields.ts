// Field schemas the response views share (API.md's conventions): prefixed ids, ISO-8601 UTC
// times, money in fen. Request schemas keep their own, friendlier refusal messages.
import { z } from 'zod';
import { ID_PREFIXES, idPattern, type IdKind } from './ids.ts';

/** An id of `kind`: its prefix and a ULID. */
export const Id = (kind: IdKind) => z.string().regex(idPattern(kind)).describe(`${ID_PREFIXES[kind]}_ and a ULID`);

/** An instant as the API writes it: `2026-11-23T08:00:00.000Z`. */
export const Timestamp = z.iso.datetime();

/** A business day in the store's time zone: `2026-11-23`. */
export const BusinessDay = z.iso.date();

/** The one currency the platform settles in today; amounts are integer fen. */
export const Currency = z.literal('CNY');

/** An amount of money in fen (API.md: integer minor units). */
export const Fen = z.number().int().describe('fen');

// Reading an uploaded CSV for a bulk import: one parse setting for every import, an unreadable
// file as 400 validation_failed, and each record with the line it ended on (for row errors).
import { parse } from 'csv-parse/sync';
import { ValidationError } from './errors.ts';

export type CsvRecord = { record: Record<string, string>; info: { lines: number } };

export const readCsvRecords = (text: string): { records: CsvRecord[]; header: string[] } => {
  let records: CsvRecord[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true, relax_column_count: true });
  } catch (error) {
    throw new ValidationError([{ path: 'body', message: `Not readable as CSV: ${(error as Error).message}` }]);
  }
  return { records, header: records[0] ? Object.keys(records[0].record) : [] };
};

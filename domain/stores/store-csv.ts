// The store import file: CSV with the header code,name,regionName,ownership,address (API.md).
// Rows are numbered as a spreadsheet shows them: the header is row 1.
import { readCsvRecords } from '../shared/csv.ts';
import { ValidationError } from '../shared/errors.ts';

export const STORE_CSV_COLUMNS = ['code', 'name', 'regionName', 'ownership', 'address'] as const;
export const MAX_IMPORT_ROWS = 10_000;

export type StoreCsvRow = { row: number } & Record<(typeof STORE_CSV_COLUMNS)[number], string>;

export const parseStoreCsv = (text: string): StoreCsvRow[] => {
  const { records, header } = readCsvRecords(text);
  const missing = STORE_CSV_COLUMNS.filter((c) => !header.includes(c));
  if (records.length > 0 && missing.length)
    throw new ValidationError([{ path: 'body', message: `The header must name ${STORE_CSV_COLUMNS.join(',')}; missing ${missing.join(',')}` }]);
  if (records.length === 0) throw new ValidationError([{ path: 'body', message: 'The file has no store rows' }]);
  if (records.length > MAX_IMPORT_ROWS) throw new ValidationError([{ path: 'body', message: `At most ${MAX_IMPORT_ROWS} stores per import` }]);
  return records.map(({ record, info }) => ({
    row: info.lines,
    code: record.code ?? '',
    name: record.name ?? '',
    regionName: record.regionName ?? '',
    ownership: record.ownership ?? '',
    address: record.address ?? '',
  }));
};

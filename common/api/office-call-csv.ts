// The office call log as CSV: the office streams it (its columns and results as the API names
// them, for scripts), the admin console builds the same file from pages in the admin's language
// (for people). One definition of its columns and quoting.
import type { CallResult } from './call-log';
import type { OfficeCall } from './usage';

export const OFFICE_CALL_CSV_COLUMNS: (keyof OfficeCall)[] = [
  'startedAt',
  'answeredAt',
  'endedAt',
  'callerNumber',
  'calleeNumber',
  'durationSeconds',
  'result',
  'id',
];

/** RFC 4180 quoting; a leading =+-@ is prefixed so spreadsheets never run a cell as a formula. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV for people: each column's heading and each call's result in their language. */
export interface CsvWords {
  column: (column: keyof OfficeCall) => string;
  result: (result: CallResult) => string;
}

export const officeCallCsvHeader = (words?: CsvWords) =>
  `${OFFICE_CALL_CSV_COLUMNS.map((column) => csvCell(words ? words.column(column) : column)).join(',')}\r\n`;

export const officeCallCsvRow = (call: OfficeCall, words?: CsvWords) =>
  `${OFFICE_CALL_CSV_COLUMNS.map((column) =>
    csvCell(column === 'result' && words ? words.result(call.result) : call[column]),
  ).join(',')}\r\n`;

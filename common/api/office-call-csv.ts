// The office call log as CSV: the office streams it (its columns and results as the API names
// them, for scripts), the admin console builds the same file from pages in the admin's language
// (for people). One definition of its columns and quoting.
import type { CallFault, CallResult } from './call-log';
import type { OfficeCall } from './usage';

export const OFFICE_CALL_CSV_COLUMNS: (keyof OfficeCall)[] = [
  'startedAt',
  'answeredAt',
  'endedAt',
  'callerNumber',
  'calleeNumber',
  'answeredByNumber',
  'durationSeconds',
  'result',
  'fault',
  'id',
];

/** RFC 4180 quoting; a leading =+-@ is prefixed so spreadsheets never run a cell as a formula. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV for people: each column's heading, each call's result and fault in their language. */
export interface CsvWords {
  column: (column: keyof OfficeCall) => string;
  result: (result: CallResult) => string;
  fault: (fault: CallFault) => string;
}

/** One cell's value: the API's own, or for people a result or fault in their words. */
function cellOf(call: OfficeCall, column: keyof OfficeCall, words?: CsvWords): unknown {
  if (words && column === 'result') return words.result(call.result);
  if (words && column === 'fault' && call.fault) return words.fault(call.fault);
  return call[column];
}

export const officeCallCsvHeader = (words?: CsvWords) =>
  `${OFFICE_CALL_CSV_COLUMNS.map((column) => csvCell(words ? words.column(column) : column)).join(',')}\r\n`;

export const officeCallCsvRow = (call: OfficeCall, words?: CsvWords) =>
  `${OFFICE_CALL_CSV_COLUMNS.map((column) => csvCell(cellOf(call, column, words))).join(',')}\r\n`;

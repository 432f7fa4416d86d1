// The office call log as CSV: the office streams it, the admin console builds the same file
// from pages. One definition of its columns and quoting.
import type { OfficeCall } from './usage';

export const OFFICE_CALL_CSV_COLUMNS: (keyof OfficeCall)[] = [
  'startedAt',
  'answeredAt',
  'endedAt',
  'callerNumber',
  'calleeNumber',
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

export const officeCallCsvHeader = () => `${OFFICE_CALL_CSV_COLUMNS.join(',')}\r\n`;

export const officeCallCsvRow = (call: OfficeCall) =>
  `${OFFICE_CALL_CSV_COLUMNS.map((column) => csvCell(call[column])).join(',')}\r\n`;

import {
  officeCallCsvHeader,
  officeCallCsvRow,
  type CsvWords,
} from '../../../../../common/api/office-call-csv';
import type { OfficeCallPage } from '../../../../../common/api/usage';
import type { IpcResult } from '../../../../../common/ipc/result';

/**
 * The filtered call log as the office's own CSV, in the admin's `words`, built page by page over
 * the contract (the office's CSV route answers a file, which the JSON channels do not carry).
 */
export async function callLogCsv(
  load: (before?: string) => Promise<IpcResult<OfficeCallPage>>,
  words: CsvWords,
): Promise<IpcResult<string>> {
  const lines = [officeCallCsvHeader(words)];
  let before: string | undefined;
  do {
    const page = await load(before);
    if (!page.ok) return page;
    for (const call of page.value.items) lines.push(officeCallCsvRow(call, words));
    before = page.value.nextCursor ?? undefined;
  } while (before);
  return { ok: true, value: lines.join('') };
}

/** Hands a text file to the browser's download. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

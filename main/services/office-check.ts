// Whether an address the person typed is a Switchboard office: its health route answers as
// ours does. The answer is read only up to a small size, so a hostile server cannot make the
// app hold much.
import { IpcFailure } from '../ipc/failure';

const CHECK_TIMEOUT_MS = 5_000;
const MAX_ANSWER_BYTES = 1024;

async function readCapped(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size <= MAX_ANSWER_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return size > MAX_ANSWER_BYTES ? '' : Buffer.concat(chunks).toString('utf8');
}

/** Resolves when a Switchboard office answers at `url`; otherwise fails with `offline` or `not_an_office`. */
export async function checkOffice(url: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(new URL('/api/v1/health', url), {
      redirect: 'error',
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
  } catch {
    throw new IpcFailure('offline', `Nothing answers at ${url}`);
  }
  let answer: unknown = null;
  try {
    answer = JSON.parse(await readCapped(response));
  } catch {
    // Not JSON: not an office.
  }
  if (!response.ok || (answer as { status?: unknown } | null)?.status !== 'ok')
    throw new IpcFailure('not_an_office', `${url} answers, but not as a Switchboard office server`);
}

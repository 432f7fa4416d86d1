// A greeting the person picked or recorded: what kind of file it is, whether the office will take
// it (WAV or MP3, at most 5 MB and 2 minutes), and its upload in parts small enough for the
// browser host's socket.
import {
  GREETING_MAX_BYTES,
  GREETING_MAX_SECONDS,
  MP3_TYPES,
  WAV_TYPES,
} from '../../../../../common/api/voicemail';
import { GREETING_PART_BYTES } from '../../../../../common/ipc/domains/voicemail';
import type { IpcError, IpcResult } from '../../../../../common/ipc/result';
import { errorMessageKey } from '../../../ui/error-message';
import { formatMegabytes } from '../../../format';
import type { Language } from '../../../i18n/languages';
import type { VoicemailBox } from './box-api';

export type GreetingType = 'audio/wav' | 'audio/mpeg';

/** Why the office would refuse a file, said before it is sent. */
export type GreetingProblem = 'type' | 'size' | 'length';

/** The file's type as the office takes it, by its label or else its name; null when neither. */
export function greetingType(file: { name: string; type: string }): GreetingType | null {
  if (WAV_TYPES.includes(file.type)) return 'audio/wav';
  if (MP3_TYPES.includes(file.type)) return 'audio/mpeg';
  if (file.type !== '' && file.type !== 'application/octet-stream') return null;
  if (/\.wav$/i.test(file.name)) return 'audio/wav';
  if (/\.mp3$/i.test(file.name)) return 'audio/mpeg';
  return null;
}

/** What is wrong with a file as a greeting, of what can be told without playing it. */
export function fileProblem(file: { name: string; type: string; size: number }): GreetingProblem | null {
  if (!greetingType(file)) return 'type';
  if (file.size > GREETING_MAX_BYTES) return 'size';
  return null;
}

/** What is wrong with a file as a greeting, in words (by `t`); null when nothing can be told without playing it. */
export function fileProblemWords(
  file: { name: string; type: string; size: number },
  t: (key: string, values?: Record<string, string>) => string,
  language: Language,
): string | null {
  const wrong = fileProblem(file);
  if (wrong === 'type') return t('preferences.greeting.wrongType');
  if (wrong === 'size')
    return t('preferences.greeting.tooBig', {
      size: formatMegabytes(language, file.size),
      limit: formatMegabytes(language, GREETING_MAX_BYTES),
    });
  return null;
}

/** What the office says about a greeting it refused, in words. */
const REFUSAL_KEYS: Partial<Record<IpcError['code'], string>> = {
  unsupported_media_type: 'preferences.greeting.refusedType',
  bad_request: 'preferences.greeting.refusedFile',
  payload_too_large: 'preferences.greeting.refusedSize',
};
export const greetingRefusalKey = (error: IpcError) => REFUSAL_KEYS[error.code] ?? errorMessageKey(error);

/** Whether a greeting of this length is too long for the office. */
export const tooLong = (seconds: number) => seconds > GREETING_MAX_SECONDS;

/**
 * How long the audio at `url` lasts, as the browser reads it; null when it cannot tell (it does
 * not decode the file, or takes too long): the office then checks.
 */
export function audioSeconds(url: string, waitMs = 5_000): Promise<number | null> {
  return new Promise((resolve) => {
    const audio = new Audio();
    const done = (seconds: number | null) => {
      clearTimeout(timer);
      audio.removeAttribute('src');
      resolve(seconds !== null && Number.isFinite(seconds) ? seconds : null);
    };
    const timer = setTimeout(() => done(null), waitMs);
    audio.preload = 'metadata';
    audio.onloadedmetadata = () => done(audio.duration);
    audio.onerror = () => done(null);
    audio.src = url;
  });
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 0x8000)
    text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(text);
}

/** A file's bytes (FileReader: every browser engine the app runs in reads a Blob with it). */
function bytesOf(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsArrayBuffer(file);
  });
}

/** Sends a file to main in order, part by part; the last part's answer is the office's. */
export async function uploadInParts<T>(
  file: Blob,
  send: (part: { index: number; count: number; data: string }) => Promise<IpcResult<T>>,
): Promise<IpcResult<T>> {
  const bytes = await bytesOf(file);
  const count = Math.max(1, Math.ceil(bytes.length / GREETING_PART_BYTES));
  let answer = await send({ index: 0, count, data: base64(bytes.subarray(0, GREETING_PART_BYTES)) });
  for (let index = 1; index < count && answer.ok; index++) {
    const part = bytes.subarray(index * GREETING_PART_BYTES, (index + 1) * GREETING_PART_BYTES);
    answer = await send({ index, count, data: base64(part) });
  }
  return answer;
}

/** Sends the greeting to main in order, part by part; the last part's answer is the office's. */
export const uploadGreeting = (box: VoicemailBox, file: Blob, type: GreetingType): Promise<IpcResult<null>> =>
  uploadInParts(file, (part) => box.uploadGreetingPart({ type, ...part }));

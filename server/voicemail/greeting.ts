import type { OfficeDb } from '../db/database';
import { OfficeError, notFound } from '../errors';
import { setGreetingFile } from '../directory/voicemail-boxes';
import { AudioError } from './audio/pcm';
import { transcodeGreeting } from './greeting-audio';
import { greetingFileOf, type VoicemailFiles } from './voicemail-files';
import type { SealedFile } from '../secrets/sealed-file';
import type { VoicemailBoxTable } from '../db/schema';

const STATUS_OF: Record<
  AudioError['reason'],
  [number, 'unsupported_media_type' | 'bad_request' | 'payload_too_large']
> = {
  mislabelled: [415, 'unsupported_media_type'],
  unsupported: [415, 'unsupported_media_type'],
  malformed: [400, 'bad_request'],
  'too-long': [413, 'payload_too_large'],
};

/** Where greetings are kept: the box's row, and the file in the voicemail folder. */
export interface GreetingStorage {
  db: OfficeDb;
  /** Recordings and greetings, sealed at rest. */
  voicemailFiles: VoicemailFiles;
}

/**
 * One upload (a greeting, music) is transcoded at a time: each holds megabytes in and out, and
 * many uploads at once would otherwise hold all of that together.
 */
let transcoding: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const turn = transcoding.then(work, work);
  transcoding = turn.catch(() => undefined);
  return turn;
}

/** Runs a transcoding in turn; a file that cannot be used becomes the error its sender sees. */
export async function transcodeInTurn(work: () => Promise<Buffer>): Promise<Buffer> {
  try {
    return await oneAtATime(work);
  } catch (error) {
    if (!(error instanceof AudioError)) throw error;
    const [status, code] = STATUS_OF[error.reason];
    throw new OfficeError(status, code, error.message, 'body');
  }
}

/** An uploaded greeting re-encoded as the agent plays it; a file that is not what it claims is a clear 4xx. */
export function checkedGreeting(file: Buffer, mediaType: string): Promise<Buffer> {
  return transcodeInTurn(() => transcodeGreeting(file, mediaType));
}

/**
 * Replaces the box's greeting with the uploaded file, re-encoded and sealed. The new file is
 * written beside the old one and renamed over it, so a failure at any point leaves the old greeting.
 */
export async function saveGreeting(
  storage: GreetingStorage,
  box: VoicemailBoxTable,
  file: Buffer,
  mediaType: string,
): Promise<void> {
  const wav = await checkedGreeting(file, mediaType);
  const relative = greetingFileOf(box.id);
  await storage.voicemailFiles.write(relative, wav);
  await setGreetingFile(storage.db, box.id, relative);
}

/** The box's own greeting, open for reading (null when its file is gone); 404 when it uses the default. */
export async function openGreeting(
  storage: GreetingStorage,
  box: VoicemailBoxTable,
): Promise<SealedFile | null> {
  if (!box.greeting_file) throw notFound('Greeting of the box’s own (callers hear the default one)');
  return storage.voicemailFiles.open(box.greeting_file);
}

/** Back to the default greeting (already there: nothing to do): the row first, so the file is never referenced once gone. */
export async function removeGreeting(storage: GreetingStorage, box: VoicemailBoxTable): Promise<void> {
  if (!box.greeting_file) return;
  await setGreetingFile(storage.db, box.id, null);
  await storage.voicemailFiles.remove(box.greeting_file);
}

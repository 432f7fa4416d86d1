// A voicemail recording for the renderer's player. The page cannot fetch the office itself (it
// talks to nothing but the contract), so the bytes cross the contract, capped in size.
import type { Static } from 'typebox';
import type { VoicemailAudio } from '../../common/ipc/domains/voicemail';
import { MAX_VOICEMAIL_AUDIO_BYTES } from '../../common/ipc/domains/voicemail';
import { IpcFailure } from '../ipc/failure';

const AUDIO_TYPE = /^audio\/[a-z0-9.+-]{1,60}$/;

const tooLarge = () =>
  new IpcFailure('payload_too_large', `The recording is larger than ${MAX_VOICEMAIL_AUDIO_BYTES} bytes`);

/** The office's answer to `/me/voicemail/:id/audio`, read up to the cap and no further. */
export async function readVoicemailAudio(response: Response): Promise<Static<typeof VoicemailAudio>> {
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!AUDIO_TYPE.test(type))
    throw new IpcFailure('internal_error', 'The office answered with something that is not audio');
  if (Number(response.headers.get('content-length') ?? 0) > MAX_VOICEMAIL_AUDIO_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    // Leaving the loop cancels the rest of the download.
    if (size > MAX_VOICEMAIL_AUDIO_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return { type, base64: Buffer.concat(chunks).toString('base64') };
}

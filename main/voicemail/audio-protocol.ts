// Electron plays voicemail through the app's own protocol (`app://…/voicemail-audio/<id>`), so
// the player streams the recording under the page's CSP ('self') instead of a base64 copy
// over IPC. The answer comes from the signed-in person's cache only.
import { Value } from 'typebox/value';
import { Id } from '../../common/api/primitives';
import { IpcFailure } from '../ipc/failure';
import type { OfflineVoicemail } from './offline-voicemail';

const PREFIX = '/voicemail-audio/';

const STATUS_OF: Partial<Record<IpcFailure['code'], number>> = {
  not_found: 404,
  not_signed_in: 401,
  offline: 503,
  payload_too_large: 413,
};

/** The answer for a voicemail audio path, or null when `pathname` is not one. */
export async function voicemailAudioResponse(
  voicemail: OfflineVoicemail,
  pathname: string,
): Promise<Response | null> {
  if (!pathname.startsWith(PREFIX)) return null;
  const id = pathname.slice(PREFIX.length);
  if (!Value.Check(Id, id)) return new Response('Not a voicemail message', { status: 400 });
  try {
    const { audio, audioType } = await voicemail.audio(id);
    return new Response(audio, {
      headers: {
        'content-type': audioType,
        'cache-control': 'no-store',
        'content-length': String(audio.length),
      },
    });
  } catch (error) {
    const status = error instanceof IpcFailure ? (STATUS_OF[error.code] ?? 500) : 500;
    return new Response(error instanceof IpcFailure ? error.code : 'internal_error', { status });
  }
}

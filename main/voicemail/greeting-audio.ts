// A box's greeting as the office keeps it, for the window to play: null while callers hear the
// standard one (the office answers 404 for a box without its own).
import { IpcFailure } from '../ipc/failure';
import type { PortalClient } from '../services/portal-client';

export async function greetingAudio(
  portal: PortalClient,
  path: string,
): Promise<{ data: string; audioType: string } | null> {
  let response: Response;
  try {
    response = await portal.open(path);
  } catch (error) {
    if (error instanceof IpcFailure && error.code === 'not_found') return null;
    throw error;
  }
  const audio = Buffer.from(await response.arrayBuffer());
  return { data: audio.toString('base64'), audioType: 'audio/wav' };
}

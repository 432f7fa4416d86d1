// Voicemail for the app's tests: messages left in a real office's box as its recorder stores
// them, their stored audio, and the recordings an app's cache has copied.
import type { Sender } from '../../main/ipc/transport';
import type { VoicemailCache } from '../../main/voicemail/voicemail-cache';
import { findOwnMessage, storeVoicemail } from '../../server/directory/voicemail';
import type { TestOffice } from './office';

/** A message in `extension`'s box whose audio is `text` repeated: a row and its audio file. */
export function leaveTextMessage(office: TestOffice, extension: string, text: string): Promise<string> {
  return storeVoicemail(office.office.db, office.office.voicemailFiles, {
    extension,
    callerNumber: '+34600000001',
    callerName: null,
    receivedAt: new Date().toISOString(),
    durationSeconds: 3,
    audio: Buffer.from(text.repeat(500)),
    audioType: 'audio/ogg',
  });
}

/** The bytes the office stored for a message of `userId`'s box. */
export async function storedAudio(office: TestOffice, userId: string, id: string): Promise<Buffer> {
  const row = await findOwnMessage(office.office.db, userId, id);
  return office.office.voicemailFiles.read(row.audio_file);
}

/** The recordings caches have copied so far, watched from the moment each cache opens. */
export class CopyWatcher {
  private readonly copied = new Set<string>();
  private readonly waiting = new Map<string, () => void>();

  watch(cache: VoicemailCache): void {
    cache.on('copied', (id) => {
      this.copied.add(id);
      this.waiting.get(id)?.();
    });
  }

  whenCopied(id: string): Promise<void> {
    if (this.copied.has(id)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(id, resolve));
  }
}

/** The app's page, as the voicemail channels' handlers see a request from it. */
export const PAGE: Sender = { origin: 'http://127.0.0.1', topLevel: true, connection: 'page-1' };

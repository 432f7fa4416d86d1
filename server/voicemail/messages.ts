// What a box's owner does to their messages, in the app or on the phone: each change is
// announced ('voicemail-changed') so message-waiting and the other apps follow.
import type { VoicemailMessage } from '../../common/api/voicemail';
import type { OfficeDb } from '../db/database';
import type { DirectoryEvents } from '../directory/events';
import type { VoicemailFiles } from './voicemail-files';
import { deleteVoicemail, markVoicemailRead } from '../directory/voicemail';

/** Where messages are kept, and the events their changes are announced on. */
export interface MessageServices {
  db: OfficeDb;
  /** Recordings and greetings, sealed at rest. */
  voicemailFiles: VoicemailFiles;
  events: DirectoryEvents;
}

export async function markMessageRead(
  services: Pick<MessageServices, 'db' | 'events'>,
  userId: string,
  id: string,
  read: boolean,
): Promise<VoicemailMessage> {
  const message = await markVoicemailRead(services.db, userId, id, read);
  services.events.emit('voicemail-changed', userId);
  return message;
}

/** Deletes a message and its recording. */
export async function removeMessage(services: MessageServices, userId: string, id: string): Promise<void> {
  await deleteVoicemail(services.db, services.voicemailFiles, userId, id);
  services.events.emit('voicemail-changed', userId);
}

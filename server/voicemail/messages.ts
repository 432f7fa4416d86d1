// What a box's readers do to their messages, in the app or on the phone: each change is
// announced ('voicemail-changed') to everyone who sees the box (its owner, or each member of the
// ring group it belongs to), so message-waiting and the other apps follow.
import type { VoicemailMessage } from '../../common/api/voicemail';
import type { OfficeDb } from '../db/database';
import type { DirectoryEvents } from '../directory/events';
import type { VoicemailFiles } from './voicemail-files';
import {
  deleteVoicemail,
  findOwnMessage,
  markVoicemailRead,
  readersOfBox,
  type MessageReader,
} from '../directory/voicemail';

/** Where messages are kept, and the events their changes are announced on. */
export interface MessageServices {
  db: OfficeDb;
  /** Recordings and greetings, sealed at rest. */
  voicemailFiles: VoicemailFiles;
  events: DirectoryEvents;
}

async function announceChange(services: Pick<MessageServices, 'db' | 'events'>, boxId: string) {
  for (const userId of await readersOfBox(services.db, boxId))
    services.events.emit('voicemail-changed', userId);
}

export async function markMessageRead(
  services: Pick<MessageServices, 'db' | 'events'>,
  reader: MessageReader,
  id: string,
  read: boolean,
): Promise<VoicemailMessage> {
  const { box_id } = await findOwnMessage(services.db, reader, id);
  const message = await markVoicemailRead(services.db, reader, id, read);
  await announceChange(services, box_id);
  return message;
}

/** Deletes a message and its recording. */
export async function removeMessage(
  services: MessageServices,
  reader: MessageReader,
  id: string,
): Promise<void> {
  const { box_id } = await findOwnMessage(services.db, reader, id);
  await deleteVoicemail(services.db, services.voicemailFiles, reader, id);
  await announceChange(services, box_id);
}

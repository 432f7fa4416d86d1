// The voicemail box behind an extension, as the media agent needs it to take a message.
import type { OfficeDb } from '../db/database';

export interface VoicemailBoxTarget {
  id: string;
  /** The box owner; null for an extension nobody owns. */
  userId: string | null;
  greetingFile: string | null;
  maxMessageSeconds: number;
}

export async function findVoicemailBox(db: OfficeDb, extension: string): Promise<VoicemailBoxTarget | null> {
  const row = await db
    .selectFrom('voicemail_boxes')
    .innerJoin('extensions', 'extensions.id', 'voicemail_boxes.extension_id')
    .select([
      'voicemail_boxes.id',
      'extensions.user_id',
      'voicemail_boxes.greeting_file',
      'voicemail_boxes.max_message_seconds',
    ])
    .where('extensions.number', '=', extension)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        userId: row.user_id,
        greetingFile: row.greeting_file,
        maxMessageSeconds: row.max_message_seconds,
      }
    : null;
}

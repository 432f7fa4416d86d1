// The voicemail box behind an extension, as the media agent needs it to take a message or to
// open the box for a caller.
import type { OfficeDb } from '../db/database';

/**
 * What a box holds until its owner sets a PIN: no hash at all, so no PIN opens it, and it
 * opens only from the owner's own phone.
 */
export const NO_PIN = '';

export interface VoicemailBoxTarget {
  id: string;
  /** The box owner; null for an extension nobody owns. */
  userId: string | null;
  greetingFile: string | null;
  maxMessageSeconds: number;
  /** Whether the owner set a PIN (the box then opens from any phone). */
  hasPin: boolean;
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
      'voicemail_boxes.pin_hash',
    ])
    .where('extensions.number', '=', extension)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        userId: row.user_id,
        greetingFile: row.greeting_file,
        maxMessageSeconds: row.max_message_seconds,
        hasPin: row.pin_hash !== NO_PIN,
      }
    : null;
}

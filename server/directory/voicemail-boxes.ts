// The voicemail box behind an extension, as the media agent needs it to take a message or to
// open the box for a caller.
import { randomUUID } from 'node:crypto';
import type { OfficeDb } from '../db/database';
import { isoAt } from '../time';
import type { VoicemailBoxTable } from '../db/schema';
import { notFound } from '../errors';

/**
 * What a box holds until its owner sets a PIN: no hash at all, so no PIN opens it, and it
 * opens only from the owner's own phone.
 */
export const NO_PIN = '';

/** The longest message a new box takes. */
const DEFAULT_MAX_MESSAGE_SECONDS = 180;

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

/** A new extension's box: no PIN yet, the default greeting, notices to the owner's email. */
export async function insertVoicemailBox(
  db: OfficeDb,
  extensionId: string,
  notificationEmail: string,
  now: number,
): Promise<void> {
  await db
    .insertInto('voicemail_boxes')
    .values({
      id: randomUUID(),
      extension_id: extensionId,
      pin_hash: NO_PIN,
      greeting_file: null,
      notification_email: notificationEmail,
      max_message_seconds: DEFAULT_MAX_MESSAGE_SECONDS,
      created_at: isoAt(now),
    })
    .execute();
}

/** The box's own greeting, relative to the voicemail folder; null for the office default. */
export async function setGreetingFile(db: OfficeDb, boxId: string, file: string | null): Promise<void> {
  await db.updateTable('voicemail_boxes').set({ greeting_file: file }).where('id', '=', boxId).execute();
}

export async function setPinHash(db: OfficeDb, boxId: string, pinHash: string): Promise<void> {
  await db.updateTable('voicemail_boxes').set({ pin_hash: pinHash }).where('id', '=', boxId).execute();
}

/** The shared box of a ring group (every group has one, made with its extension). */
export async function ringGroupBox(db: OfficeDb, groupId: string): Promise<VoicemailBoxTable> {
  const box = await db
    .selectFrom('voicemail_boxes')
    .innerJoin('ring_groups', 'ring_groups.extension_id', 'voicemail_boxes.extension_id')
    .selectAll('voicemail_boxes')
    .where('ring_groups.id', '=', groupId)
    .executeTakeFirst();
  if (!box) throw notFound('Ring group');
  return box;
}
